package io.agentry.executor;

import static io.restassured.RestAssured.given;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentry.sandbox.TestAgents;
import io.agentry.wire.TaskControl;
import io.agentry.wire.TaskEvent;
import io.agentry.wire.TaskMessage;
import io.agentry.wire.TaskStatus;
import io.agentry.wire.Topics;
import io.agentry.wire.WireCodec;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Fairness between users, against the real Kafka: one user's flood of slow tasks does not hold back
 * another user's task. With a first-in-first-out intake that task would wait for the whole flood,
 * {@value #FLOOD} x {@value #BUSY_MILLIS} ms / the worker threads (100 s on two threads).
 */
@QuarkusTest
@WithTestResource(StackWithRegistry.class)
class FairIntakeTest {

  private static final Logger LOG = Logger.getLogger(FairIntakeTest.class);

  /** The flood: fewer tasks than the intake window, so that all of it fits in. */
  private static final int FLOOD = 200;

  private static final int BUSY_MILLIS = 1_000;

  /**
   * The documented bound is one run of the flood (the first worker to be free takes the other
   * user's task); twice that and a margin keep a loaded machine from failing the test, and stay far
   * below what first-in-first-out needs.
   */
  private static final Duration BOUND = Duration.ofMillis(2L * BUSY_MILLIS + 8_000);

  private static KafkaTestClient kafka;
  private static TestRegistry.UploadedAgent busy;
  private static TestRegistry.UploadedAgent uppercase;

  private final List<TaskMessage> flood = new ArrayList<>();

  @BeforeAll
  static void openKafkaAndUploadTheAgents() {
    kafka = new KafkaTestClient();
    String apiKey = TestRegistry.register();
    busy = TestRegistry.upload(apiKey, "busy", TestAgents.wasm(TestAgents.busyFor(BUSY_MILLIS)));
    uppercase = TestRegistry.upload(apiKey, "uppercase", TestAgents.wasm(TestAgents.UPPERCASE));
  }

  @AfterAll
  static void closeKafka() {
    kafka.close();
  }

  @Test
  void anotherUsersTaskEndsWithinTheBoundWhileOneUserFloodsTheExecutor() throws Exception {
    UUID flooder = UUID.randomUUID();
    for (int i = 0; i < FLOOD; i++) {
      flood.add(task(busy, flooder, "flood"));
    }
    submit(flood);
    // Every worker is busy with the flood, and the rest of it waits.
    kafka.eventsUntil(flood.get(0).taskId(), TaskStatus.RUNNING);
    String scrape = given().get("/q/metrics").then().statusCode(200).extract().asString();
    assertTrue(metric(scrape, "agentry_executor_intake_waiting") >= 1, "flood tasks wait");
    assertTrue(metric(scrape, "agentry_executor_intake_waiting_bytes") > 0);
    assertEquals(1, metric(scrape, "agentry_executor_intake_users"), "only the flooder waits");

    TaskMessage other = task(uppercase, UUID.randomUUID(), "not behind the flood");
    Instant submitted = Instant.now();
    submit(List.of(other));
    List<TaskEvent> events = kafka.eventsUntilTerminal(other.taskId());

    TaskEvent terminal = events.get(events.size() - 1);
    Duration took = Duration.between(submitted, terminal.at());
    long floodEnded = flood.stream().filter(this::endedSoFar).count();
    LOG.infof(
        "The other user's task ended %d ms after its submission; %d of the %d flood tasks had"
            + " ended by then",
        took.toMillis(), floodEnded, FLOOD);
    assertEquals(TaskStatus.SUCCEEDED, terminal.status());
    assertArrayEquals("NOT BEHIND THE FLOOD".getBytes(UTF_8), terminal.result().stdout());
    assertTrue(
        took.compareTo(BOUND) <= 0, "took " + took.toMillis() + " ms, bound " + BOUND.toMillis());
  }

  /** Cancels what is left of the flood and waits until every task of it ended, exactly once. */
  @AfterEach
  void cancelTheFlood() throws Exception {
    for (TaskMessage task : flood) {
      kafka.send(
          Topics.TASK_CONTROL,
          task.taskId().toString(),
          WireCodec.encode(TaskControl.cancel(task.taskId(), task.userId(), Instant.now())));
    }
    for (TaskMessage task : flood) {
      kafka.eventsUntilTerminal(task.taskId());
    }
    for (TaskMessage task : flood) {
      long terminal =
          kafka.eventsSoFar(task.taskId()).stream().filter(e -> e.status().isTerminal()).count();
      assertEquals(1, terminal, "terminal events of flood task " + task.taskId());
    }
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

  private boolean endedSoFar(TaskMessage task) {
    return kafka.eventsSoFar(task.taskId()).stream().anyMatch(e -> e.status().isTerminal());
  }

  private static void submit(List<TaskMessage> tasks) throws Exception {
    for (TaskMessage task : tasks) {
      kafka.send(Topics.AGENT_TASKS, task.taskId().toString(), WireCodec.encode(task));
    }
  }

  /** A task as the gateway submits it: with the agent's current binary hash. */
  private static TaskMessage task(TestRegistry.UploadedAgent agent, UUID userId, String input) {
    return new TaskMessage(
        UUID.randomUUID(),
        agent.id(),
        userId,
        agent.binaryHash(),
        input.getBytes(UTF_8),
        List.of(),
        Map.of(),
        60_000,
        16,
        Instant.now());
  }
}
