package io.agentry.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agentry.gateway.support.DownstreamServices;
import io.agentry.gateway.support.KafkaRecords;
import io.agentry.gateway.support.TestAgents;
import io.agentry.gateway.support.TestUsers;
import io.agentry.gateway.support.TestUsers.TestUser;
import io.agentry.localstack.LocalStackTestResource;
import io.agentry.wire.TaskCharge;
import io.agentry.wire.TaskEvent;
import io.agentry.wire.TaskMessage;
import io.agentry.wire.TaskResult;
import io.agentry.wire.TaskStatus;
import io.agentry.wire.Topics;
import io.agentry.wire.WireCodec;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Monthly spending caps at submission, against the real registry and results service; the tasks'
 * ends are published as an executor would.
 */
@QuarkusTest
@WithTestResource(
    value = LocalStackTestResource.class,
    initArgs = {
      @ResourceArg(name = "components", value = DownstreamServices.COMPONENTS),
      @ResourceArg(name = "database", value = "gateway")
    })
@WithTestResource(DownstreamServices.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SpendCapTest {

  private static final Duration WAIT = Duration.ofSeconds(30);

  private TestUser author;
  private UUID twoFifty;
  private UUID one;

  @BeforeEach
  void createAgentsOnce() {
    if (author == null) {
      author = TestUsers.register();
      twoFifty = TestAgents.priced(author, "2.5");
      one = TestAgents.priced(author, "1");
    }
  }

  @Test
  void theTaskThatWouldPassTheSpendCapIsRefusedAndOneThatReachesItExactlyIsNot() {
    TestUser user = TestUsers.register();
    setCaps(user, "{\"monthlySpend\": 6}");

    TaskMessage first = accepted(user, twoFifty);
    assertEquals(new TaskCharge(new BigDecimal("2.50"), author.id()), first.charge());
    end(first, TaskStatus.SUCCEEDED);
    end(accepted(user, twoFifty), TaskStatus.SUCCEEDED);
    awaitSpent(user, "5.00");

    Response refused = submit(user, twoFifty);
    assertEquals(402, refused.statusCode(), refused.asString());
    assertEquals("application/problem+json", refused.contentType());
    assertEquals("/problems/spend-cap-reached", refused.path("type"));
    assertEquals("monthlySpend", refused.path("cap"));
    assertEquals(6, refused.<Number>path("limit").intValue());
    assertEquals(5.0, refused.<Number>path("used").doubleValue());
    assertEquals(2.5, refused.<Number>path("price").doubleValue());
    assertEquals(nextMonth(), refused.path("resetsAt"));

    // 5.00 + 1.00 reaches the cap exactly: accepted; while it is queued it counts, so the next
    // is refused already, and stays refused once it succeeded.
    TaskMessage last = accepted(user, one);
    awaitInFlight(user, "1.00");
    assertEquals(402, submit(user, one).statusCode());
    end(last, TaskStatus.SUCCEEDED);
    awaitSpent(user, "6.00");
    Response after = submit(user, one);
    assertEquals(402, after.statusCode());
    assertEquals(6.0, after.<Number>path("used").doubleValue());

    // Another user's tasks, of the same agents, are not affected.
    accepted(TestUsers.register(), twoFifty);
  }

  @Test
  void aTaskThatDoesNotSucceedIsNotChargedAndFreesItsAmount() {
    TestUser user = TestUsers.register();
    setCaps(user, "{\"monthlySpend\": 2.5}");
    TaskMessage failed = accepted(user, twoFifty);
    awaitInFlight(user, "2.50");
    assertEquals(402, submit(user, twoFifty).statusCode());

    end(failed, TaskStatus.FAILED);
    awaitInFlight(user, "0.00");
    accepted(user, twoFifty);
    assertEquals(0, spent(user).signum());
  }

  @Test
  void theTaskPastTheMonthlyTaskCapIsRefused() {
    TestUser user = TestUsers.register();
    setCaps(user, "{\"monthlyTasks\": 2}");
    accepted(user, one);
    accepted(user, one);
    eventually(() -> limits(user).<Integer>path("month.tasks") == 2);

    Response refused = submit(user, one);
    assertEquals(402, refused.statusCode(), refused.asString());
    assertEquals("monthlyTasks", refused.path("cap"));
    assertEquals(2, refused.<Integer>path("limit"));
    assertEquals(2, refused.<Integer>path("used"));

    setCaps(user, "{}");
    accepted(user, one);
  }

  private void setCaps(TestUser user, String body) {
    user.withKey()
        .contentType(ContentType.JSON)
        .body(body)
        .put("/api/v1/users/me/limits")
        .then()
        .statusCode(200);
  }

  private static Response limits(TestUser user) {
    return user.withKey()
        .get("/api/v1/users/me/limits")
        .then()
        .statusCode(200)
        .extract()
        .response();
  }

  private static BigDecimal spent(TestUser user) {
    return new BigDecimal(limits(user).path("month.spent").toString());
  }

  private static void awaitSpent(TestUser user, String amount) {
    eventually(() -> spent(user).compareTo(new BigDecimal(amount)) == 0);
  }

  private static void awaitInFlight(TestUser user, String amount) {
    eventually(
        () ->
            new BigDecimal(limits(user).path("month.inFlight").toString())
                    .compareTo(new BigDecimal(amount))
                == 0);
  }

  /** Waits until the results service has recorded what {@code condition} looks for. */
  private static void eventually(BooleanSupplier condition) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + WAIT);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  private static Response submit(TestUser user, UUID agent) {
    return user.withKey()
        .contentType(ContentType.JSON)
        .body(Map.of("agentId", agent.toString(), "input", "x"))
        .post("/api/v1/tasks")
        .then()
        .extract()
        .response();
  }

  /** Submits a task that must be accepted and returns it as it is on Kafka. */
  private static TaskMessage accepted(TestUser user, UUID agent) {
    Response response = submit(user, agent);
    assertEquals(202, response.statusCode(), response.asString());
    UUID taskId = UUID.fromString(response.path("taskId"));
    return WireCodec.decodeTask(KafkaRecords.first(Topics.AGENT_TASKS, taskId).value());
  }

  /** Publishes the task's end, as the executor that ran it would. */
  private static void end(TaskMessage task, TaskStatus status) {
    TaskResult result =
        status == TaskStatus.SUCCEEDED
            ? new TaskResult(0, new byte[0], new byte[0], false, false, 3, null)
            : new TaskResult(1, new byte[0], new byte[0], false, false, 3, "exit code 1");
    TaskEvent end = TaskEvent.finished(task, status, 1, "executor-test", Instant.now(), result);
    KafkaRecords.send(Topics.TASK_EVENTS, task.taskId(), WireCodec.encode(end));
  }

  private static String nextMonth() {
    return YearMonth.now(ZoneOffset.UTC)
        .plusMonths(1)
        .atDay(1)
        .atStartOfDay(ZoneOffset.UTC)
        .toInstant()
        .toString();
  }
}
