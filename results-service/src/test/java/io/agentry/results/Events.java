package io.agentry.results;

import io.agentry.localstack.LocalStackTestResource;
import io.agentry.wire.TaskEvent;
import io.agentry.wire.TaskMessage;
import io.agentry.wire.TaskResult;
import io.agentry.wire.TaskStatus;
import io.agentry.wire.Topics;
import io.agentry.wire.WireCodec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Publishes task events to the test stack's Kafka, as the gateway and the executors do. */
public final class Events implements AutoCloseable {

  private final KafkaProducer<String, byte[]> producer;

  public Events() {
    this(LocalStackTestResource.endpoints().kafkaBootstrap());
  }

  public Events(String bootstrap) {
    producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.LINGER_MS_CONFIG,
                "0"),
            new StringSerializer(),
            new ByteArraySerializer());
  }

  /** Sends the event and waits for the broker's acknowledgement. */
  public void publish(TaskEvent event) {
    try {
      producer
          .send(
              new ProducerRecord<>(
                  Topics.TASK_EVENTS, event.taskId().toString(), WireCodec.encode(event)))
          .get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }

  /** Sends raw bytes under the task's key. */
  public void publishRaw(UUID taskId, byte[] value) throws Exception {
    producer.send(new ProducerRecord<>(Topics.TASK_EVENTS, taskId.toString(), value)).get();
  }

  public KafkaProducer<String, byte[]> producer() {
    return producer;
  }

  @Override
  public void close() {
    producer.close();
  }

  /** A task of {@code userId} for {@code agentId}. */
  public static TaskMessage task(UUID userId, UUID agentId) {
    return new TaskMessage(
        UUID.randomUUID(),
        agentId,
        userId,
        null,
        "hello".getBytes(StandardCharsets.UTF_8),
        List.of(),
        Map.of(),
        30_000,
        64,
        Instant.now());
  }

  public static TaskResult success(String stdout, long durationMs) {
    return new TaskResult(
        0, stdout.getBytes(StandardCharsets.UTF_8), new byte[0], false, false, durationMs, null);
  }

  public static TaskResult failure(int exitCode, long durationMs) {
    return new TaskResult(
        exitCode,
        new byte[0],
        "boom".getBytes(StandardCharsets.UTF_8),
        false,
        false,
        durationMs,
        "the module exited with code " + exitCode);
  }

  public static TaskResult timeout(long durationMs) {
    return TaskResult.withoutOutput(durationMs, "the task ran longer than its time limit");
  }

  /** QUEUED, RUNNING and the terminal event of a whole run. */
  public void run(TaskMessage task, Instant at, TaskStatus end, TaskResult result) {
    publish(TaskEvent.queued(task, at));
    publish(TaskEvent.running(task, 1, "executor-a", at.plusMillis(1)));
    publish(TaskEvent.finished(task, end, 1, "executor-a", at.plusMillis(2), result));
  }
}
