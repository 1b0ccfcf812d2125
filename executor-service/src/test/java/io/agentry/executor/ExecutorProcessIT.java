package io.agentry.executor;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentry.localstack.Component;
import io.agentry.localstack.Endpoints;
import io.agentry.localstack.LocalStackTestResource;
import io.agentry.localstack.PackagedService;
import io.agentry.sandbox.SampleAgents;
import io.agentry.sandbox.TestAgents;
import io.agentry.wire.TaskControl;
import io.agentry.wire.TaskEvent;
import io.agentry.wire.TaskMessage;
import io.agentry.wire.TaskStatus;
import io.agentry.wire.Topics;
import io.agentry.wire.WireCodec;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged executor ({@code target/quarkus-app}) as a process against a real local stack and
 * the packaged registry: what only a real process shows (a crash mid-task, a late start).
 */
class ExecutorProcessIT {

  /** Long enough to kill its executor in the middle, short enough for a test. */
  private static final int BUSY_MILLIS = 4_000;

  /** Short runs, so that many tasks wait in an executor's window while it runs one. */
  private static final int SHORT_MILLIS = 1_000;

  private static final Map<String, String> ONE_WORKER =
      Map.of("agentry.executor.workers.threads", "1");

  private static Endpoints endpoints;
  private static String registryUrl;
  private static KafkaTestClient kafka;
  private static TestRegistry.UploadedAgent busy;
  private static TestRegistry.UploadedAgent shortBusy;
  private static TestRegistry.UploadedAgent uppercase;

  @BeforeAll
  static void startTheStackAndTheRegistry() {
    endpoints = LocalStackTestResource.sharedStack(EnumSet.allOf(Component.class)).endpoints();
    registryUrl = TestRegistry.start(endpoints);
    kafka = new KafkaTestClient();
    String apiKey = TestRegistry.register();
    busy = TestRegistry.upload(apiKey, "busy", TestAgents.wasm(TestAgents.busyFor(BUSY_MILLIS)));
    uppercase = TestRegistry.upload(apiKey, "uppercase", SampleAgents.wasm(SampleAgents.UPPERCASE));
    shortBusy =
        TestRegistry.upload(apiKey, "short", TestAgents.wasm(TestAgents.busyFor(SHORT_MILLIS)));
  }

  @AfterAll
  static void closeKafka() {
    kafka.close();
  }

  @Test
  void aTaskWhoseExecutorIsKilledMidRunIsCompletedOnceByAnotherExecutor() throws Exception {
    TaskMessage task = task(busy);
    String firstId = "first-" + UUID.randomUUID();
    String secondId = "second-" + UUID.randomUUID();
    try (PackagedService first = startExecutor(firstId, registryUrl)) {
      submit(task);
      TaskEvent running = kafka.eventsUntil(task.taskId(), TaskStatus.RUNNING).get(0);
      assertEquals(firstId, running.executorId());

      first.kill();
    }
    List<TaskEvent> events;
    try (PackagedService second = startExecutor(secondId, registryUrl)) {
      kafka.eventsUntilTerminal(task.taskId());
      second.stop();
      events = kafka.eventsSoFar(task.taskId());
    }

    List<TaskEvent> terminal = events.stream().filter(e -> e.status().isTerminal()).toList();
    assertEquals(1, terminal.size(), "terminal events: " + terminal);
    TaskEvent succeeded = terminal.get(0);
    assertEquals(TaskStatus.SUCCEEDED, succeeded.status());
    assertEquals(secondId, succeeded.executorId());
    assertArrayEquals("done".getBytes(UTF_8), succeeded.result().stdout());
    List<TaskEvent> starts = events.stream().filter(e -> e.status() == TaskStatus.RUNNING).toList();
    assertEquals(
        List.of(firstId, secondId), starts.stream().map(TaskEvent::executorId).toList(), "starts");
    assertNotEquals(starts.get(0).at(), starts.get(1).at());
    // Each executor counts the starts it made itself; the results service counts both.
    assertEquals(List.of(1, 1), starts.stream().map(TaskEvent::attempt).toList());
  }

  @Test
  void anExecutorStartedAfterATaskWasCancelledNeverRunsIt() throws Exception {
    TaskMessage task = task(uppercase);
    kafka.send(
        Topics.TASK_CONTROL,
        task.taskId().toString(),
        WireCodec.encode(TaskControl.cancel(task.taskId(), task.userId(), Instant.now())));
    submit(task);

    List<TaskEvent> events;
    try (PackagedService late = startExecutor("late-" + UUID.randomUUID(), registryUrl)) {
      events = kafka.eventsUntilTerminal(task.taskId());
    }

    assertEquals(List.of(TaskStatus.CANCELLED), statuses(events));
    assertEquals("cancelled by the user", events.get(0).result().error());
    assertEquals(0, events.get(0).attempt(), "the task never started");
  }

  @Test
  void aTaskWhoseRegistryCannotBeReachedFailsWithAReasonWithoutStarting() throws Exception {
    TaskMessage task = task(uppercase);

    List<TaskEvent> events;
    try (PackagedService cutOff =
        startExecutor("cut-off-" + UUID.randomUUID(), "http://127.0.0.1:" + closedPort())) {
      submit(task);
      events = kafka.eventsUntilTerminal(task.taskId());
    }

    assertEquals(List.of(TaskStatus.FAILED), statuses(events));
    TaskEvent failed = events.get(0);
    assertNull(failed.result().exitCode());
    assertEquals(
        "the registry could not be reached to look up agent "
            + uppercase.id()
            + " after 3 attempts; submit the task again",
        failed.result().error());
  }

  @Test
  void tasksWaitingInAnExecutorWhosePartitionsMoveToAnotherRunThereAndOnlyThere() throws Exception {
    List<TaskMessage> tasks = new ArrayList<>();
    UUID user = UUID.randomUUID();
    // One worker needs a minute for them: the second executor joins well before the end.
    for (int i = 0; i < 60; i++) {
      tasks.add(task(shortBusy, user));
    }
    String firstId = "first-" + UUID.randomUUID();
    String secondId = "second-" + UUID.randomUUID();
    try (PackagedService first = startExecutor(firstId, registryUrl, ONE_WORKER)) {
      for (TaskMessage task : tasks) {
        submit(task);
      }
      // The first executor runs one task; the others wait in its window.
      kafka.eventsUntil(tasks.get(0).taskId(), TaskStatus.RUNNING);
      try (PackagedService second = startExecutor(secondId, registryUrl, ONE_WORKER)) {
        // Each executor runs its tasks in the order its partitions are fetched, not the order they
        // were sent, so a task sent early may be the last of the batch to run: the whole batch
        // gets one deadline, the time one worker alone would need for all of it, twice over.
        Instant deadline = Instant.now().plusMillis(2L * tasks.size() * SHORT_MILLIS);
        for (TaskMessage task : tasks) {
          kafka.eventsUntilTerminal(task.taskId(), remainingUntil(deadline));
        }
      }
    }

    List<String> startedTwice = new ArrayList<>();
    Set<String> executors = new HashSet<>();
    for (TaskMessage task : tasks) {
      List<TaskEvent> events = kafka.eventsSoFar(task.taskId());
      List<TaskEvent> terminal = events.stream().filter(e -> e.status().isTerminal()).toList();
      assertEquals(TaskStatus.SUCCEEDED, terminal.get(0).status(), "task " + task.taskId());
      terminal.forEach(e -> executors.add(e.executorId()));
      if (events.stream().filter(e -> e.status() == TaskStatus.RUNNING).count() > 1) {
        startedTwice.add(task.taskId().toString());
      }
    }
    assertTrue(executors.contains(secondId), "the second executor took partitions: " + executors);
    // Only a task running while its partition moved runs again (one worker: one per rebalance); a
    // task that waited in the first executor's window is left to the new owner.
    assertTrue(startedTwice.size() <= 2, "started twice: " + startedTwice);
  }

  private static PackagedService startExecutor(String id, String registry) {
    return startExecutor(id, registry, Map.of());
  }

  private static PackagedService startExecutor(
      String id, String registry, Map<String, String> settings) {
    Map<String, String> config = new LinkedHashMap<>(endpoints.quarkusConfig(null));
    config.putAll(settings);
    config.put("agentry.executor.id", id);
    config.put("agentry.executor.registry.url", registry);
    config.put("agentry.executor.shutdown-grace", "5s");
    // A killed member's partitions move on after this, not after the 45 s default.
    config.put("mp.messaging.incoming.agent-tasks.session.timeout.ms", "6000");
    config.put("mp.messaging.incoming.agent-tasks.heartbeat.interval.ms", "1000");
    return PackagedService.start("executor-service", config);
  }

  private static void submit(TaskMessage task) throws Exception {
    kafka.send(Topics.AGENT_TASKS, task.taskId().toString(), WireCodec.encode(task));
  }

  /** A task as the gateway submits it: with the agent's current binary hash. */
  private static TaskMessage task(TestRegistry.UploadedAgent agent) {
    return task(agent, UUID.randomUUID());
  }

  private static TaskMessage task(TestRegistry.UploadedAgent agent, UUID userId) {
    return new TaskMessage(
        UUID.randomUUID(),
        agent.id(),
        userId,
        agent.binaryHash(),
        "input".getBytes(UTF_8),
        List.of(),
        Map.of(),
        60_000,
        16,
        Instant.now());
  }

  /** The time left until {@code deadline}; at least a moment, to read what already arrived. */
  private static Duration remainingUntil(Instant deadline) {
    Duration left = Duration.between(Instant.now(), deadline);
    return left.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : left;
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static List<TaskStatus> statuses(List<TaskEvent> events) {
    return events.stream().map(TaskEvent::status).toList();
  }
}
