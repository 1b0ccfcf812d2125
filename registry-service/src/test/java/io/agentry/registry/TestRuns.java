package io.agentry.registry;

import io.agentry.localstack.LocalStackTestResource;
import io.agentry.registry.TestUsers.TestUser;
import io.agentry.wire.TaskEvent;
import io.agentry.wire.TaskResult;
import io.agentry.wire.TaskStatus;
import io.agentry.wire.Topics;
import io.agentry.wire.WireCodec;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Runs of agents as the registry learns of them: a terminal event on {@code task-events}, as an
 * executor publishes it, awaited until the registry has recorded it (a user may rate an agent only
 * after that).
 */
final class TestRuns {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static KafkaProducer<String, byte[]> producer;

  private TestRuns() {}

  /** The user ran the agent to SUCCEEDED; returns once the registry recorded the run. */
  static void ran(TestUser user, String agentId, Pool pool) {
    UUID taskId = UUID.randomUUID();
    TaskEvent succeeded =
        new TaskEvent(
            taskId,
            UUID.fromString(agentId),
            user.id(),
            TaskStatus.SUCCEEDED,
            Instant.now(),
            1,
            "executor-1",
            new TaskResult(0, new byte[0], new byte[0], false, false, 5, null));
    try {
      producer()
          .send(
              new ProducerRecord<>(
                  Topics.TASK_EVENTS, taskId.toString(), WireCodec.encode(succeeded)))
          .get();
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (System.nanoTime() < deadline) {
        if (pool.preparedQuery("SELECT 1 FROM processed_task_events WHERE task_id = $1")
                .execute(Tuple.of(taskId))
                .await()
                .indefinitely()
                .rowCount()
            == 1) {
          return;
        }
        Thread.sleep(100);
      }
    } catch (Exception e) {
      throw new AssertionError("could not record a run of " + agentId, e);
    }
    throw new AssertionError("the run of " + agentId + " was not recorded within " + WAIT);
  }

  private static synchronized KafkaProducer<String, byte[]> producer() {
    if (producer == null) {
      producer =
          new KafkaProducer<>(
              Map.of(
                  ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                  LocalStackTestResource.endpoints().kafkaBootstrap(),
                  ProducerConfig.ACKS_CONFIG,
                  "all"),
              new StringSerializer(),
              new ByteArraySerializer());
      Runtime.getRuntime().addShutdownHook(new Thread(producer::close));
    }
    return producer;
  }
}
