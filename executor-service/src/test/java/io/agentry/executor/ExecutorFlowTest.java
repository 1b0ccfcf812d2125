package io.agentry.executor;

import static io.restassured.RestAssured.given;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentry.executor.config.ControlGroup;
import io.agentry.localstack.Endpoints;
import io.agentry.localstack.LocalStackTestResource;
import io.agentry.sandbox.HttpAgents;
import io.agentry.sandbox.LocalHttpServer;
import io.agentry.sandbox.SampleAgents;
import io.agentry.sandbox.TestAgents;
import io.agentry.wire.TaskControl;
import io.agentry.wire.TaskEvent;
import io.agentry.wire.TaskLimits;
import io.agentry.wire.TaskMessage;
import io.agentry.wire.TaskStatus;
import io.agentry.wire.Topics;
import io.agentry.wire.WireCodec;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

@QuarkusTest
@WithTestResource(StackWithRegistry.class)
class ExecutorFlowTest {

  private static final byte[] UPPERCASE = TestAgents.wasm(TestAgents.UPPERCASE);
  private static final byte[] RUST_UPPERCASE = SampleAgents.wasm(SampleAgents.UPPERCASE);
  private static final int OUTPUT_CAP = TaskLimits.DEFAULT_OUTPUT_CAP_BYTES;
  private static final String CANCELLATIONS_READ = "agentry_executor_cancellations_total";
  private static final String SKIPPED_DUPLICATES =
      "agentry_executor_tasks_skipped_total{reason=\"duplicate\"}";
  private static KafkaTestClient kafka;
  private static String apiKey;

  /** The agent of every task below, whatever binary the task names: the Rust sample. */
  private static TestRegistry.UploadedAgent agent;

  /** The agent each stored binary was uploaded as. */
  private static final Map<String, UUID> AGENT_OF_BINARY = new ConcurrentHashMap<>();

  @Inject S3Client s3;

  @BeforeAll
  static void openKafkaAndUploadTheAgent() {
    kafka = new KafkaTestClient();
    apiKey = TestRegistry.register();
    agent = TestRegistry.upload(apiKey, "uppercase", RUST_UPPERCASE);
  }

  @AfterAll
  static void closeKafka() {
    kafka.close();
  }

  @Test
  void aTaskReportsRunningThenSucceededWithItsOutput() throws Exception {
    TaskMessage task = task(store(RUST_UPPERCASE), "hello, executor");

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
    String expected = store(published);
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
    String hash = store(TestAgents.wasm(TestAgents.exitWith(9)));
    s3.deleteObject(b -> b.bucket(Endpoints.BUCKET).key("sha256/" + hash));

    TaskEvent terminal = last(submitAndAwait(task(hash, "")));

    assertEquals(TaskStatus.FAILED, terminal.status());
    assertEquals("binary sha256/" + hash + " not found in the store", terminal.result().error());
  }

  @Test
  void theModuleSeesTheAgentsNameThenTheTasksArgsAndExactlyItsEnvironment() throws Exception {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("A", "1");
    env.put("B", "two");
    TestRegistry.UploadedAgent named =
        TestRegistry.upload(apiKey, "named", TestAgents.wasm(TestAgents.ARGS_AND_ENV));
    TaskMessage task = task(named.id(), named.binaryHash(), "", List.of("--flag", "value"), env);

    TaskEvent terminal = last(submitAndAwait(task));

    assertEquals(TaskStatus.SUCCEEDED, terminal.status());
    assertEquals(named.name() + "\0--flag\0value\0", new String(terminal.result().stdout(), UTF_8));
    assertEquals("A=1\0B=two\0", new String(terminal.result().stderr(), UTF_8));
  }

  @Test
  void theAgentsSecretsReachItsRunsAndATaskCannotSetTheirNames() throws Exception {
    TestRegistry.UploadedAgent secretive =
        TestRegistry.upload(apiKey, "secretive", TestAgents.wasm(TestAgents.ARGS_AND_ENV));
    TestRegistry.putSecret(apiKey, secretive.id(), "API_KEY", "sk-only-for-the-agent");

    TaskEvent ran =
        last(
            submitAndAwait(
                task(secretive.id(), secretive.binaryHash(), "", List.of(), Map.of("A", "1"))));
    TaskEvent refused =
        last(
            submitAndAwait(
                task(
                    secretive.id(),
                    secretive.binaryHash(),
                    "",
                    List.of(),
                    Map.of("API_KEY", "the caller's guess"))));

    assertEquals(TaskStatus.SUCCEEDED, ran.status(), ran.result().error());
    assertEquals("A=1\0API_KEY=sk-only-for-the-agent\0", new String(ran.result().stderr(), UTF_8));
    assertEquals(TaskStatus.FAILED, refused.status());
    assertEquals(
        "field 'env' key \"API_KEY\" is the name of one of the agent's secrets, which only its"
            + " owner sets; use another name",
        refused.result().error());
  }

  @Test
  void aTaskWithoutBinaryHashRunsTheAgentsCurrentBinaryFromTheRegistry() throws Exception {
    List<TaskEvent> events = submitAndAwait(task(null, "no hash given"));

    assertEquals(List.of(TaskStatus.RUNNING, TaskStatus.SUCCEEDED), statuses(events));
    assertEquals(1, events.get(0).attempt());
    assertArrayEquals("NO HASH GIVEN".getBytes(UTF_8), last(events).result().stdout());
  }

  /** A producer writing straight to Kafka runs its own binary under another author's agent. */
  @Test
  void aTaskNamingAnotherAgentsAgentIdWithItsOwnBinaryIsRejectedWithoutStarting() throws Exception {
    String own = store(TestAgents.wasm(TestAgents.exitWith(0)));
    TaskMessage foreign =
        new TaskMessage(
            UUID.randomUUID(),
            agent.id(),
            UUID.randomUUID(),
            own,
            new byte[0],
            List.of(),
            Map.of(),
            10_000,
            16,
            Instant.now());

    List<TaskEvent> events = submitAndAwait(foreign);

    assertEquals(List.of(TaskStatus.REJECTED), statuses(events));
    assertEquals(
        "binary sha256/"
            + own
            + " is not a version of agent "
            + agent.id()
            + "; a task runs only a binary of its own agent",
        events.get(0).result().error());
  }

  /**
   * A hostile agent that declares a loopback origin: the executor's default refuses private
   * destinations, so the request never leaves and the module sees code 1.
   */
  @Test
  void anAgentCallingAPrivateAddressGetsCodeOneAndTheServerSeesNothing() throws Exception {
    try (LocalHttpServer server = LocalHttpServer.http()) {
      server.text("/", "internal");
      TestRegistry.UploadedAgent fetch =
          TestRegistry.upload(
              apiKey, "fetch", HttpAgents.wasm(HttpAgents.FETCH), List.of(server.origin()));

      TaskEvent terminal =
          last(
              submitAndAwait(
                  task(
                      fetch.id(),
                      fetch.binaryHash(),
                      "{\"url\":\"" + server.origin() + "/\"}",
                      List.of(),
                      Map.of())));

      assertEquals(TaskStatus.FAILED, terminal.status());
      assertEquals(1, terminal.result().exitCode());
      assertEquals(0, terminal.result().usage().httpRequests());
      assertEquals(0, server.requests());
    }
  }

  @Test
  void aTaskOfAnUnknownAgentIsRejectedWithoutStarting() throws Exception {
    UUID unknown = UUID.randomUUID();

    List<TaskEvent> events =
        submitAndAwait(task(unknown, store(UPPERCASE), "", List.of(), Map.of()));

    assertEquals(List.of(TaskStatus.REJECTED), statuses(events));
    TaskEvent rejected = events.get(0);
    assertEquals("agent " + unknown + " does not exist", rejected.result().error());
    assertNull(rejected.result().exitCode());
    assertEquals(0, rejected.attempt(), "the task never started");
  }

  @Test
  void anUnknownAgentIsRejectedAlsoWhenTheTaskHasNoBinaryHash() throws Exception {
    UUID unknown = UUID.randomUUID();

    List<TaskEvent> events = submitAndAwait(task(unknown, null, "", List.of(), Map.of()));

    assertEquals(List.of(TaskStatus.REJECTED), statuses(events));
    assertEquals("agent " + unknown + " does not exist", events.get(0).result().error());
  }

  @Test
  void aTaskWithoutBinaryHashOfADisabledAgentIsRejected() throws Exception {
    TestRegistry.UploadedAgent disabled = TestRegistry.upload(apiKey, "retired", RUST_UPPERCASE);
    TestRegistry.disable(apiKey, disabled.id());

    List<TaskEvent> events = submitAndAwait(task(disabled.id(), null, "", List.of(), Map.of()));

    assertEquals(List.of(TaskStatus.REJECTED), statuses(events));
    assertEquals(
        "agent " + disabled.id() + " is disabled and takes no new tasks",
        events.get(0).result().error());
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
  void aNonZeroExitFailsWithThatExitCode() throws Exception {
    TaskEvent terminal = last(submitAndAwait(task(store(TestAgents.exitWith(3)), "")));

    assertEquals(TaskStatus.FAILED, terminal.status());
    assertEquals(3, terminal.result().exitCode());
    assertEquals("exited with code 3", terminal.result().error());
  }

  @Test
  void aTrapFailsWithoutAnExitCode() throws Exception {
    TaskEvent terminal = last(submitAndAwait(task(store(TestAgents.UNREACHABLE), "")));

    assertEquals(TaskStatus.FAILED, terminal.status());
    assertNull(terminal.result().exitCode());
    assertTrue(terminal.result().error().startsWith("trapped: "), terminal.result().error());
  }

  @Test
  void deepRecursionFailsAsATrapWithoutHarmingTheExecutor() throws Exception {
    TaskEvent terminal = last(submitAndAwait(task(store(TestAgents.UNBOUNDED_RECURSION), "")));
    TaskEvent next = last(submitAndAwait(task(store(UPPERCASE), "still here")));

    assertEquals(TaskStatus.FAILED, terminal.status());
    assertNull(terminal.result().exitCode());
    assertTrue(terminal.result().error().startsWith("trapped: "), terminal.result().error());
    assertEquals(TaskStatus.SUCCEEDED, next.status());
  }

  @Test
  void anInfiniteLoopTimesOutWithinItsLimitPlusOneSecond() throws Exception {
    String loop = store(TestAgents.INFINITE_LOOP);
    // The first run of a binary also fetches and compiles it: this one leaves it in the cache.
    submitAndAwait(task(loop, "", 1, 16));

    List<TaskEvent> events = submitAndAwait(task(loop, "", 1_000, 16));

    assertEquals(List.of(TaskStatus.RUNNING, TaskStatus.TIMED_OUT), statuses(events));
    TaskEvent timedOut = events.get(1);
    assertNull(timedOut.result().exitCode());
    assertEquals("timed out after 1000 ms", timedOut.result().error());
    long ms = Duration.between(events.get(0).at(), timedOut.at()).toMillis();
    assertTrue(ms >= 1_000 && ms <= 2_000, "RUNNING to TIMED_OUT took " + ms + " ms");
  }

  @Test
  void memoryGrowthPastTheTaskLimitIsRefusedToTheModule() throws Exception {
    // The module exits 42 when its memory.grow past 1 MiB returns -1, 3 if it were allowed.
    TaskEvent terminal =
        last(
            submitAndAwait(
                task(store(TestAgents.GROW_TO_SIXTEEN_PAGES_THEN_ONE_MORE), "", 10_000, 1)));

    assertEquals(TaskStatus.FAILED, terminal.status());
    assertEquals(42, terminal.result().exitCode(), terminal.result().error());
  }

  @Test
  void aModuleDeclaringMoreInitialMemoryThanTheLimitFailsWithoutRunning() throws Exception {
    TaskEvent terminal =
        last(submitAndAwait(task(store(TestAgents.THIRTY_TWO_PAGES), "", 10_000, 1)));

    assertEquals(TaskStatus.FAILED, terminal.status());
    assertNull(terminal.result().exitCode());
    assertEquals(0, terminal.result().stdout().length);
    assertTrue(
        terminal.result().error().contains("more than the task's limit of 1 MiB"),
        terminal.result().error());
  }

  @Test
  void outputPastTheCapIsTruncatedAtExactlyTheCap() throws Exception {
    int lines = OUTPUT_CAP / TestAgents.FLOOD_LINE.length() + 100;

    TaskEvent terminal = last(submitAndAwait(task(store(TestAgents.flood(lines)), "")));

    assertEquals(TaskStatus.SUCCEEDED, terminal.status());
    assertEquals(OUTPUT_CAP, terminal.result().stdout().length);
    assertTrue(terminal.result().stdoutTruncated());
    assertFalse(terminal.result().stderrTruncated());
    byte[] expected = TestAgents.FLOOD_LINE.repeat(lines).substring(0, OUTPUT_CAP).getBytes(UTF_8);
    assertArrayEquals(expected, terminal.result().stdout());
  }

  @Test
  void aTaskCancelledBeforeItArrivesEndsCancelledWithoutRunning() throws Exception {
    TaskMessage task = task(store(UPPERCASE), "never");
    cancelAndAwaitRead(task);

    List<TaskEvent> events = submitAndAwait(task);

    assertEquals(List.of(TaskStatus.CANCELLED), statuses(events));
    TaskEvent cancelled = events.get(0);
    assertNull(cancelled.result().exitCode());
    assertEquals("cancelled by the user", cancelled.result().error());
    assertEquals(0, cancelled.attempt(), "the task never started");
  }

  @Test
  void aRunningTaskCancelledByItsUserIsStoppedAndEndsCancelled() throws Exception {
    String loop = store(TestAgents.INFINITE_LOOP);
    submitAndAwait(task(loop, "", 1, 16));
    TaskMessage task = task(loop, "", 120_000, 16);
    kafka.send(Topics.AGENT_TASKS, task.taskId().toString(), WireCodec.encode(task));
    TaskEvent running = kafka.eventsUntil(task.taskId(), TaskStatus.RUNNING).get(0);

    cancelAndAwaitRead(task);

    List<TaskEvent> events = kafka.eventsUntilTerminal(task.taskId());
    assertEquals(List.of(TaskStatus.RUNNING, TaskStatus.CANCELLED), statuses(events));
    TaskEvent cancelled = events.get(1);
    assertNull(cancelled.result().exitCode());
    assertEquals("cancelled by the user", cancelled.result().error());
    long ms = Duration.between(running.at(), cancelled.at()).toMillis();
    assertTrue(ms < 30_000, "cancelled after " + ms + " ms, far from the 120 s limit");
  }

  @Test
  void aRecordOfATaskThisExecutorFinishedIsNotRunAgain() throws Exception {
    TaskMessage task = task(store(UPPERCASE), "once");
    submitAndAwait(task);
    double skippedBefore = metric(SKIPPED_DUPLICATES);

    kafka.send(Topics.AGENT_TASKS, task.taskId().toString(), WireCodec.encode(task));

    awaitMetricAbove(SKIPPED_DUPLICATES, skippedBefore);
    assertEquals(
        List.of(TaskStatus.RUNNING, TaskStatus.SUCCEEDED),
        statuses(kafka.eventsSoFar(task.taskId())));
  }

  @Test
  void theExecutorReadsCancellationsInAConsumerGroupOfItsOwn() throws Exception {
    TaskEvent running = submitAndAwait(task(store(UPPERCASE), "")).get(0);

    try (Admin admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                LocalStackTestResource.endpoints().kafkaBootstrap()))) {
      List<String> groups =
          admin.listConsumerGroups().all().get(10, TimeUnit.SECONDS).stream()
              .map(ConsumerGroupListing::groupId)
              .toList();
      assertTrue(groups.contains(ControlGroup.PREFIX + running.executorId()), "groups: " + groups);
    }
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
  void theMetricsShowOutcomesDurationsQueueWaitCacheCompileTimeAndWorkers() throws Exception {
    String hash = store(TestAgents.exitWith(0));
    submitAndAwait(task(hash, "first run compiles"));
    submitAndAwait(task(hash, "second run hits the cache"));

    String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();

    assertTrue(metric(metrics, "agentry_executor_tasks_total{status=\"SUCCEEDED\"}") >= 2);
    assertTrue(
        metric(metrics, "agentry_executor_run_duration_seconds_count{status=\"SUCCEEDED\"}") >= 2);
    assertTrue(
        metrics.contains("agentry_executor_run_duration_seconds_bucket{status=\"SUCCEEDED\",le="),
        "a histogram of run durations");
    assertTrue(metric(metrics, "agentry_executor_queue_wait_seconds_count") >= 2);
    assertTrue(metric(metrics, "agentry_executor_cache_hits_total") >= 1);
    assertTrue(metric(metrics, "agentry_executor_cache_misses_total") >= 1);
    assertTrue(metric(metrics, "agentry_executor_cache_evictions_total") >= 0);
    assertTrue(metric(metrics, "agentry_executor_compile_duration_seconds_count") >= 1);
    assertEquals(
        Runtime.getRuntime().availableProcessors(), metric(metrics, "agentry_executor_workers"));
    assertTrue(metric(metrics, "agentry_executor_workers_busy") >= 0);
  }

  /**
   * Sends the task's cancellation and waits until the executor read it (the count of cancellations
   * read grew). Should a send not be counted, it is sent again: cancellations are idempotent.
   */
  private static void cancelAndAwaitRead(TaskMessage task) throws Exception {
    double before = metric(CANCELLATIONS_READ);
    byte[] cancel =
        WireCodec.encode(TaskControl.cancel(task.taskId(), task.userId(), Instant.now()));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      kafka.send(Topics.TASK_CONTROL, task.taskId().toString(), cancel);
      long resendAt = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
      while (System.nanoTime() < resendAt) {
        if (metric(CANCELLATIONS_READ) > before) {
          return;
        }
        Thread.sleep(20);
      }
    }
    throw new AssertionError("the executor never read the cancellation of " + task.taskId());
  }

  /** Bounded polling of a metric that is expected to grow. */
  private static void awaitMetricAbove(String series, double before) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (metric(series) <= before) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(series + " stayed at " + before);
      }
      Thread.sleep(20);
    }
  }

  private static double metric(String series) {
    return metric(given().get("/q/metrics").then().statusCode(200).extract().asString(), series);
  }

  /** The value of one series in a Prometheus scrape; the series must be there. */
  private static double metric(String scrape, String series) {
    for (String line : scrape.split("\n")) {
      if (line.startsWith(series + " ")) {
        return Double.parseDouble(line.substring(series.length() + 1).trim());
      }
    }
    throw new AssertionError("no series " + series + " in /q/metrics");
  }

  private static List<TaskEvent> submitAndAwait(TaskMessage task) throws Exception {
    kafka.send(Topics.AGENT_TASKS, task.taskId().toString(), WireCodec.encode(task));
    return kafka.eventsUntilTerminal(task.taskId());
  }

  /**
   * Uploads the binary as an agent of its own through the registry (which stores it under its
   * hash), so that a task naming the hash runs it under that agent, and returns the hash.
   */
  private String store(byte[] binary) throws Exception {
    String hash = sha256(binary);
    AGENT_OF_BINARY.computeIfAbsent(hash, h -> TestRegistry.upload(apiKey, "flow", binary).id());
    return hash;
  }

  private void put(String key, byte[] bytes) {
    s3.putObject(b -> b.bucket(Endpoints.BUCKET).key(key), RequestBody.fromBytes(bytes));
  }

  /** Stores a WAT module's binary under its hash and returns the hash. */
  private String store(String wat) throws Exception {
    return store(TestAgents.wasm(wat));
  }

  private static TaskMessage task(String binaryHash, String input) {
    return task(binaryHash, input, 10_000, 16);
  }

  private static TaskMessage task(String binaryHash, String input, int timeoutMs, int maxMemoryMb) {
    return new TaskMessage(
        UUID.randomUUID(),
        binaryHash == null ? agent.id() : AGENT_OF_BINARY.getOrDefault(binaryHash, agent.id()),
        UUID.randomUUID(),
        binaryHash,
        input.getBytes(UTF_8),
        List.of(),
        Map.of(),
        timeoutMs,
        maxMemoryMb,
        Instant.now());
  }

  private static TaskMessage task(
      UUID agentId, String binaryHash, String input, List<String> args, Map<String, String> env) {
    return new TaskMessage(
        UUID.randomUUID(),
        agentId,
        UUID.randomUUID(),
        binaryHash,
        input.getBytes(UTF_8),
        args,
        env,
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
