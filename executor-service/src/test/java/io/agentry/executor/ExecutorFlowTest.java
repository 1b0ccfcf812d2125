package io.agentry.executor;

import static io.restassured.RestAssured.given;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.agentry.executor.sandbox.TestAgents;
import io.agentry.localstack.Endpoints;
import io.agentry.localstack.LocalStackTestResource;
import io.agentry.wire.TaskEvent;
import io.agentry.wire.TaskMessage;
import io.agentry.wire.TaskStatus;
import io.agentry.wire.Topics;
import io.agentry.wire.WireCodec;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

@QuarkusTest
@WithTestResource(
    value = LocalStackTestResource.class,
    initArgs = @ResourceArg(name = "components", value = "kafka,s3"))
class ExecutorFlowTest {

  private static final byte[] UPPERCASE = TestAgents.wasm(TestAgents.UPPERCASE);
  private static KafkaTestClient kafka;

  @Inject S3Client s3;

  @BeforeAll
  static void openKafka() {
    kafka = new KafkaTestClient();
  }

  @AfterAll
  static void closeKafka() {
    kafka.close();
  }

  @Test
  void aTaskReportsRunningThenSucceededWithItsOutput() throws Exception {
    TaskMessage task = task(store(UPPERCASE), "hello, executor");

    List<TaskEvent> events = submitAndAwait(task);

    assertEquals(List.of(TaskStatus.RUNNING, TaskStatus.SUCCEEDED), statuses(events));
    TaskEvent running = events.get(0);
    assertEquals(1, running.attempt());
    assertNotNull(running.executorId());
    TaskEvent succeeded = events.get(1);
    assertEquals(1, succeeded.attempt());
    assertEquals(0, succeeded.result().exitCode());
    assertArrayEquals("HELLO, EXECUTOR".getBytes(UTF_8), succeeded.result().stdout());
    assertNull(succeeded.result().error());
  }

  @Test
  void aBinaryThatDoesNotHashToTheTasksHashFailsTheIntegrityCheck() throws Exception {
    byte[] published = TestAgents.wasm(TestAgents.exitWith(8));
    byte[] tampered = TestAgents.wasm(TestAgents.exitWith(7));
    String expected = sha256(published);
    String actual = sha256(tampered);
    put("sha256/" + expected, tampered);

    TaskEvent terminal = last(submitAndAwait(task(expected, "")));

    assertEquals(TaskStatus.FAILED, terminal.status());
    assertNull(terminal.result().exitCode());
    assertEquals(
        "integrity check failed: the binary's SHA-256 is "
            + actual
            + ", the task expects "
            + expected,
        terminal.result().error());
  }

  @Test
  void aBinaryMissingFromTheStoreFailsTheTask() throws Exception {
    String hash = sha256(UUID.randomUUID().toString().getBytes(UTF_8));

    TaskEvent terminal = last(submitAndAwait(task(hash, "")));

    assertEquals(TaskStatus.FAILED, terminal.status());
    assertEquals("binary sha256/" + hash + " not found in the store", terminal.result().error());
  }

  @Test
  void aTaskWithoutBinaryHashIsRejectedForNow() throws Exception {
    TaskEvent terminal = last(submitAndAwait(task(null, "")));

    assertEquals(TaskStatus.REJECTED, terminal.status());
    assertEquals(
        "the task has no binaryHash and this executor cannot look agents up yet",
        terminal.result().error());
  }

  @Test
  void aGarbageRecordIsDeadLetteredAndTheNextTaskStillRuns() throws Exception {
    String key = UUID.randomUUID().toString();
    byte[] garbage = "{not json".getBytes(UTF_8);

    kafka.send(Topics.AGENT_TASKS, key, garbage);
    TaskMessage next = task(store(UPPERCASE), "after");
    List<TaskEvent> events = submitAndAwait(next);

    ConsumerRecord<String, byte[]> dead = kafka.firstWithKey(Topics.AGENT_TASKS_DLQ, key);
    assertArrayEquals(garbage, dead.value());
    assertNotNull(dead.headers().lastHeader(Topics.DLQ_REASON_HEADER));
    assertEquals(TaskStatus.SUCCEEDED, last(events).status());
  }

  @Test
  void aRecordWithAReadableTaskIdButAMissingFieldIsDeadLetteredAndRejected() throws Exception {
    UUID taskId = UUID.randomUUID();
    byte[] incomplete =
        ("{\"specVersion\":1,\"taskId\":\""
                + taskId
                + "\",\"agentId\":\""
                + UUID.randomUUID()
                + "\",\"userId\":\""
                + UUID.randomUUID()
                + "\",\"args\":[],\"env\":{},\"timeoutMs\":1000,\"maxMemoryMb\":16"
                + ",\"submittedAt\":\"2025-01-01T00:00:00Z\"}")
            .getBytes(UTF_8);

    kafka.send(Topics.AGENT_TASKS, taskId.toString(), incomplete);

    ConsumerRecord<String, byte[]> dead =
        kafka.firstWithKey(Topics.AGENT_TASKS_DLQ, taskId.toString());
    assertArrayEquals(incomplete, dead.value());
    String reason = new String(dead.headers().lastHeader(Topics.DLQ_REASON_HEADER).value(), UTF_8);
    List<TaskEvent> events = kafka.eventsUntilTerminal(taskId);
    assertEquals(List.of(TaskStatus.REJECTED), statuses(events));
    assertEquals("malformed task record: " + reason, events.get(0).result().error());
  }

  @Test
  void readinessReportsKafkaAndTheBinaryStoreUp() {
    given()
        .get("/q/health/ready")
        .then()
        .statusCode(200)
        .body("status", equalTo("UP"))
        .body("checks.name", hasItems("binary store"));
  }

  @Test
  void finishedTasksAreCountedByStatusInTheMetrics() throws Exception {
    submitAndAwait(task(store(UPPERCASE), "count me"));

    given()
        .get("/q/metrics")
        .then()
        .statusCode(200)
        .body(containsString("agentry_executor_tasks_total{status=\"SUCCEEDED\"}"));
  }

  private static List<TaskEvent> submitAndAwait(TaskMessage task) throws Exception {
    kafka.send(Topics.AGENT_TASKS, task.taskId().toString(), WireCodec.encode(task));
    return kafka.eventsUntilTerminal(task.taskId());
  }

  /** Stores the binary under its own hash, as the registry does, and returns the hash. */
  private String store(byte[] binary) throws Exception {
    String hash = sha256(binary);
    put("sha256/" + hash, binary);
    return hash;
  }

  private void put(String key, byte[] bytes) {
    s3.putObject(b -> b.bucket(Endpoints.BUCKET).key(key), RequestBody.fromBytes(bytes));
  }

  private static TaskMessage task(String binaryHash, String input) {
    return new TaskMessage(
        UUID.randomUUID(),
        UUID.randomUUID(),
        UUID.randomUUID(),
        binaryHash,
        input.getBytes(UTF_8),
        List.of(),
        Map.of(),
        10_000,
        16,
        Instant.now());
  }

  private static List<TaskStatus> statuses(List<TaskEvent> events) {
    return events.stream().map(TaskEvent::status).toList();
  }

  private static TaskEvent last(List<TaskEvent> events) {
    return events.get(events.size() - 1);
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
