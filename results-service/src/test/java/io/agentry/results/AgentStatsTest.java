package io.agentry.results;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agentry.localstack.LocalStackTestResource;
import io.agentry.wire.TaskEvent;
import io.agentry.wire.TaskMessage;
import io.agentry.wire.TaskResult;
import io.agentry.wire.TaskStatus;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(
    value = LocalStackTestResource.class,
    initArgs = {
      @ResourceArg(name = "components", value = "postgres,kafka"),
      @ResourceArg(name = "database", value = "results")
    })
class AgentStatsTest {

  private static final Duration WAIT = Duration.ofSeconds(30);

  private static Events events;

  @BeforeAll
  static void openProducer() {
    events = new Events();
  }

  @AfterAll
  static void closeProducer() {
    events.close();
  }

  @Test
  void countsAreExactWhenEventsAreRedelivered() {
    TestUser user = TestUser.create();
    UUID agent = UUID.randomUUID();
    Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    // Durations 10, 20, ..., 100 ms: 7 successes, 2 failures, 1 timeout; then CANCELLED and
    // REJECTED tasks, which are not runs to an end.
    Instant last = null;
    for (int i = 1; i <= 10; i++) {
      TaskMessage task = Events.task(user.id(), agent);
      TaskStatus end =
          i <= 7 ? TaskStatus.SUCCEEDED : i <= 9 ? TaskStatus.FAILED : TaskStatus.TIMED_OUT;
      TaskResult result =
          switch (end) {
            case SUCCEEDED -> Events.success("", i * 10L);
            case FAILED -> Events.failure(1, i * 10L);
            default -> Events.timeout(i * 10L);
          };
      last = at.plusMillis(i);
      TaskEvent finished = TaskEvent.finished(task, end, 1, "executor-a", last, result);
      events.publish(TaskEvent.running(task, 1, "executor-a", at));
      events.publish(finished);
      events.publish(finished);
      events.publish(TaskEvent.running(task, 1, "executor-a", at));
    }
    TaskMessage cancelled = Events.task(user.id(), agent);
    events.publish(
        TaskEvent.finished(
            cancelled,
            TaskStatus.CANCELLED,
            0,
            null,
            at.plusSeconds(5),
            TaskResult.withoutOutput(0, "cancelled by its owner")));
    events.publish(
        TaskEvent.rejected(
            UUID.randomUUID(), agent, user.id(), "executor-a", at.plusSeconds(6), "no such agent"));
    TaskQueryTest.awaitStatus(user, cancelled.taskId(), "CANCELLED");

    JsonPath stats = awaitStats(user, agent, body -> body.getLong("tasksCompleted") == 10);
    assertEquals(agent.toString(), stats.getString("agentId"));
    assertEquals(7, stats.getLong("tasksSucceeded"));
    assertEquals(2, stats.getLong("tasksFailed"));
    assertEquals(1, stats.getLong("tasksTimedOut"));
    assertEquals(0.7, stats.getDouble("successRate"), 1e-9);
    assertEquals(55.0, stats.getDouble("avgDurationMs"), 1e-9);
    assertEquals(50, stats.getLong("p50DurationMs"));
    assertEquals(100, stats.getLong("p95DurationMs"));
    assertEquals(last, Instant.parse(stats.getString("lastRunAt")));
  }

  @Test
  void anAgentWithoutRunsHasZeroCountsAndNoFigures() {
    TestUser.create()
        .request()
        .get("/agents/" + UUID.randomUUID() + "/stats")
        .then()
        .statusCode(200)
        .body("tasksCompleted", equalTo(0))
        .body("tasksSucceeded", equalTo(0))
        .body("successRate", nullValue())
        .body("avgDurationMs", nullValue())
        .body("p50DurationMs", nullValue())
        .body("p95DurationMs", nullValue())
        .body("lastRunAt", nullValue());
  }

  @Test
  void anyUserMayReadAnAgentsStats() {
    TestUser runner = TestUser.create();
    UUID agent = UUID.randomUUID();
    TaskMessage task = Events.task(runner.id(), agent);
    events.run(task, Instant.now(), TaskStatus.SUCCEEDED, Events.success("", 5));
    awaitStats(TestUser.create(), agent, body -> body.getLong("tasksCompleted") == 1);
  }

  private static JsonPath awaitStats(
      TestUser user, UUID agent, java.util.function.Predicate<JsonPath> done) {
    JsonPath[] last = new JsonPath[1];
    await()
        .atMost(WAIT)
        .until(
            () -> {
              last[0] =
                  user.request()
                      .get("/agents/" + agent + "/stats")
                      .then()
                      .statusCode(200)
                      .extract()
                      .jsonPath();
              return done.test(last[0]);
            });
    return last[0];
  }
}
