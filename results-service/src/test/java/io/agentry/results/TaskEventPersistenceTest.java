package io.agentry.results;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agentry.localstack.LocalStackTestResource;
import io.agentry.wire.TaskEvent;
import io.agentry.wire.TaskMessage;
import io.agentry.wire.TaskResult;
import io.agentry.wire.TaskStatus;
import io.agentry.wire.Topics;
import io.agentry.wire.WireCodec;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
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
      @ResourceArg(name = "components", value = "postgres,kafka"),
      @ResourceArg(name = "database", value = "results")
    })
class TaskEventPersistenceTest {

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
  void aFinishedTaskIsPersistedWithItsResult() throws Exception {
    TaskMessage task = task();
    Instant queuedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    TaskResult result =
        new TaskResult(
            0, "HELLO".getBytes(StandardCharsets.UTF_8), new byte[0], false, false, 12, null);

    publish(TaskEvent.queued(task, queuedAt));
    publish(TaskEvent.running(task, 1, "executor-a", queuedAt.plusMillis(5)));
    publish(
        TaskEvent.finished(
            task, TaskStatus.SUCCEEDED, 1, "executor-a", queuedAt.plusMillis(20), result));

    Row row = awaitTask(task.taskId(), r -> r.getString("status").equals("SUCCEEDED"));
    assertEquals(1, row.getInteger("attempts"));
    assertEquals(queuedAt, row.getOffsetDateTime("submitted_at").toInstant());
    assertEquals(queuedAt.plusMillis(20), row.getOffsetDateTime("finished_at").toInstant());
    Row stored = resultRow(task.taskId()).orElseThrow();
    assertEquals(0, stored.getInteger("exit_code"));
    assertArrayEquals(result.stdout(), stored.getBuffer("stdout").getBytes());
    assertEquals(12L, stored.getLong("duration_ms"));
  }

  @Test
  void aLateOrDuplicateEventNeverMovesAStatusBack() throws Exception {
    TaskMessage task = task();
    Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    TaskResult failed =
        new TaskResult(3, new byte[0], "boom".getBytes(), false, false, 7, "exit code 3");

    publish(
        TaskEvent.finished(task, TaskStatus.FAILED, 1, "executor-a", at.plusMillis(10), failed));
    publish(TaskEvent.running(task, 1, "executor-a", at.plusMillis(1)));
    publish(TaskEvent.queued(task, at));
    publish(
        TaskEvent.finished(
            task,
            TaskStatus.SUCCEEDED,
            2,
            "executor-b",
            at.plusMillis(30),
            new TaskResult(0, new byte[0], new byte[0], false, false, 1, null)));
    // Same key, same partition: once the last event (attempt 2) shows, every earlier one was read.
    Row row = awaitTask(task.taskId(), r -> r.getInteger("attempts") == 2);
    assertEquals("FAILED", row.getString("status"));
    assertEquals(at, row.getOffsetDateTime("submitted_at").toInstant());
    assertEquals(at.plusMillis(10), row.getOffsetDateTime("finished_at").toInstant());
    Row stored = resultRow(task.taskId()).orElseThrow();
    assertEquals("FAILED", stored.getString("status"));
    assertEquals(3, stored.getInteger("exit_code"));
  }

  @Test
  void anUnreadableEventIsSkippedAndTheNextOneIsStillRecorded() throws Exception {
    TaskMessage task = task();
    producer
        .send(
            new ProducerRecord<>(
                Topics.TASK_EVENTS, task.taskId().toString(), "{not json".getBytes()))
        .get();

    publish(TaskEvent.queued(task, Instant.now()));

    assertEquals("QUEUED", awaitTask(task.taskId(), r -> true).getString("status"));
  }

  @Test
  void eventsWithTimestampsNoDatabaseCanHoldAreSkippedAndTheNextOneIsStillRecorded()
      throws Exception {
    TaskMessage past = task();
    TaskMessage future = task();
    sendWithAt(past, "-5000-01-01T00:00:00Z");
    sendWithAt(future, "+300000-01-01T00:00:00Z");
    TaskMessage next = task();

    publish(TaskEvent.queued(next, Instant.now()));

    assertEquals("QUEUED", awaitTask(next.taskId(), r -> true).getString("status"));
    assertEquals(Optional.empty(), query("SELECT * FROM tasks WHERE task_id = $1", past.taskId()));
    assertEquals(
        Optional.empty(), query("SELECT * FROM tasks WHERE task_id = $1", future.taskId()));
  }

  /** A QUEUED event of {@code task} whose {@code at} is {@code at}, written past the encoder. */
  private void sendWithAt(TaskMessage task, String at) throws Exception {
    String record =
        new String(WireCodec.encode(TaskEvent.queued(task, Instant.now())), StandardCharsets.UTF_8)
            .replaceFirst("\"at\":\"[^\"]+\"", "\"at\":\"" + at + "\"");
    producer
        .send(
            new ProducerRecord<>(
                Topics.TASK_EVENTS,
                task.taskId().toString(),
                record.getBytes(StandardCharsets.UTF_8)))
        .get();
  }

  @Test
  void readinessReportsDatabaseAndKafkaUp() {
    given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
  }

  private void publish(TaskEvent event) throws Exception {
    producer
        .send(
            new ProducerRecord<>(
                Topics.TASK_EVENTS, event.taskId().toString(), WireCodec.encode(event)))
        .get();
  }

  private Row awaitTask(UUID taskId, Predicate<Row> done) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      Optional<Row> row = query("SELECT * FROM tasks WHERE task_id = $1", taskId);
      if (row.isPresent() && done.test(row.get())) {
        return row.get();
      }
      Thread.sleep(50);
    }
    throw new AssertionError("task " + taskId + " did not reach the expected state in " + WAIT);
  }

  private Optional<Row> resultRow(UUID taskId) {
    return query("SELECT * FROM task_results WHERE task_id = $1", taskId);
  }

  private Optional<Row> query(String sql, UUID taskId) {
    var rows = pool.preparedQuery(sql).execute(Tuple.of(taskId)).await().indefinitely();
    var iterator = rows.iterator();
    return iterator.hasNext() ? Optional.of(iterator.next()) : Optional.empty();
  }

  private static TaskMessage task() {
    return new TaskMessage(
        UUID.randomUUID(),
        UUID.randomUUID(),
        UUID.randomUUID(),
        null,
        "hello".getBytes(StandardCharsets.UTF_8),
        List.of(),
        Map.of(),
        30_000,
        64,
        Instant.now());
  }
}
