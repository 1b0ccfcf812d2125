package io.agentry.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agentry.localstack.LocalStackTestResource;
import io.agentry.registry.TestUsers.TestUser;
import io.agentry.wire.TaskEvent;
import io.agentry.wire.TaskResult;
import io.agentry.wire.TaskStatus;
import io.agentry.wire.Topics;
import io.agentry.wire.WireCodec;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(
    value = LocalStackTestResource.class,
    initArgs = {
      @ResourceArg(name = "components", value = "postgres,kafka,s3"),
      @ResourceArg(name = "database", value = "registry")
    })
class TaskEventCountTest {

  private static final Duration WAIT = Duration.ofSeconds(30);

  @Inject Pool pool;

  private KafkaProducer<String, byte[]> producer;

  @BeforeEach
  void openProducer() {
    producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                LocalStackTestResource.endpoints().kafkaBootstrap(),
                ProducerConfig.ACKS_CONFIG,
                "all"),
            new StringSerializer(),
            new ByteArraySerializer());
  }

  @AfterEach
  void closeProducer() {
    producer.close();
  }

  @Test
  void eachCompletedTaskCountsOnceEvenWhenItsEventIsRedelivered() throws Exception {
    TestUser owner = TestUsers.register();
    UUID agent = UUID.fromString(TestAgents.create(owner, TestAgents.metadata("counted")));
    // Every record goes under one key, so one partition holds them in order: once the last one
    // is counted, every earlier one has been processed.
    String key = UUID.randomUUID().toString();
    TaskEvent succeeded = event(agent, TaskStatus.SUCCEEDED);
    send(key, succeeded);
    send(key, succeeded);
    send(key, event(agent, TaskStatus.RUNNING));
    send(key, event(agent, TaskStatus.CANCELLED));
    send(key, event(agent, TaskStatus.REJECTED));
    send(key, event(agent, TaskStatus.FAILED));
    TaskEvent timedOut = event(agent, TaskStatus.TIMED_OUT);
    send(key, timedOut);
    send(key, timedOut);
    TaskEvent last = event(agent, TaskStatus.SUCCEEDED);
    send(key, last);

    awaitCounted(last.taskId());
    assertEquals(4, tasksCompleted(owner, agent));
  }

  @Test
  void anUnreadableEventIsSkippedAndTheNextOneCounts() throws Exception {
    TestUser owner = TestUsers.register();
    UUID agent = UUID.fromString(TestAgents.create(owner, TestAgents.metadata("skips")));
    String key = UUID.randomUUID().toString();
    producer.send(new ProducerRecord<>(Topics.TASK_EVENTS, key, "{not json".getBytes())).get();
    send(key, event(UUID.randomUUID(), TaskStatus.SUCCEEDED));
    TaskEvent counted = event(agent, TaskStatus.FAILED);
    send(key, counted);

    awaitCounted(counted.taskId());
    assertEquals(1, tasksCompleted(owner, agent));
  }

  private void send(String key, TaskEvent event) throws Exception {
    producer.send(new ProducerRecord<>(Topics.TASK_EVENTS, key, WireCodec.encode(event))).get();
  }

  private static TaskEvent event(UUID agent, TaskStatus status) {
    UUID task = UUID.randomUUID();
    UUID user = UUID.randomUUID();
    Instant at = Instant.now();
    TaskResult result =
        switch (status) {
          case SUCCEEDED -> new TaskResult(0, new byte[0], new byte[0], false, false, 5, null);
          case FAILED -> new TaskResult(3, new byte[0], new byte[0], false, false, 5, "exit 3");
          case TIMED_OUT, CANCELLED, REJECTED -> TaskResult.withoutOutput(5, "stopped");
          default -> null;
        };
    int attempt = status == TaskStatus.REJECTED || status == TaskStatus.QUEUED ? 0 : 1;
    return new TaskEvent(task, agent, user, status, at, attempt, "executor-1", result);
  }

  private void awaitCounted(UUID taskId) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      boolean counted =
          pool.preparedQuery("SELECT 1 FROM processed_task_events WHERE task_id = $1")
                  .execute(Tuple.of(taskId))
                  .await()
                  .indefinitely()
                  .rowCount()
              == 1;
      if (counted) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("task " + taskId + " was not counted within " + WAIT);
  }

  private static long tasksCompleted(TestUser owner, UUID agent) {
    return owner
        .request()
        .get("/agents/" + agent)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getLong("tasksCompleted");
  }
}
