package io.agentry.results;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agentry.localstack.LocalStackTestResource;
import io.agentry.wire.TaskCharge;
import io.agentry.wire.TaskEvent;
import io.agentry.wire.TaskMessage;
import io.agentry.wire.TaskResult;
import io.agentry.wire.TaskStatus;
import io.agentry.wire.TaskUsage;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.path.json.config.JsonPathConfig.NumberReturnType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A task is charged its price once when it succeeds; usage, earnings and caps read the charges. */
@QuarkusTest
@WithTestResource(
    value = LocalStackTestResource.class,
    initArgs = {
      @ResourceArg(name = "components", value = "postgres,kafka"),
      @ResourceArg(name = "database", value = "results")
    })
class ChargesTest {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Instant DAY_ONE = Instant.parse("2026-03-02T10:00:00Z");
  private static final Instant DAY_TWO = Instant.parse("2026-03-03T23:59:59Z");
  private static final String FROM = "2026-03-01";
  private static final String TO = "2026-04-01";

  private static final JsonPathConfig DECIMALS =
      JsonPathConfig.jsonPathConfig().numberReturnType(NumberReturnType.BIG_DECIMAL);

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
  void aTaskIsChargedOnceUnderRedeliveryAndAnExecutorKill() {
    TestUser user = TestUser.create();
    TestUser author = TestUser.create();
    UUID agent = UUID.randomUUID();
    TaskCharge charge = new TaskCharge(new BigDecimal("2.50"), author.id());

    // Executor a is killed after it published SUCCEEDED but before it committed; executor b runs
    // the redelivered task again; the killed one's event and b's are both delivered twice.
    TaskMessage killed = Events.task(user.id(), agent).withCharge(charge);
    TaskEvent firstEnd = succeeded(killed, 1, "executor-a", DAY_ONE.plusMillis(3), usage(10));
    TaskEvent secondEnd = succeeded(killed, 2, "executor-b", DAY_ONE.plusMillis(9), usage(30));
    List<TaskEvent> killedRun =
        List.of(
            TaskEvent.queued(killed, DAY_ONE),
            TaskEvent.running(killed, 1, "executor-a", DAY_ONE.plusMillis(1)),
            firstEnd,
            TaskEvent.running(killed, 2, "executor-b", DAY_ONE.plusMillis(5)),
            secondEnd,
            firstEnd,
            secondEnd);
    // A run that failed and whose redelivery then succeeded: the first end stands, no charge.
    TaskMessage failed = Events.task(user.id(), agent).withCharge(charge);
    TaskResult failure = Events.failure(2, 5);
    List<TaskEvent> failedRun =
        List.of(
            TaskEvent.queued(failed, DAY_ONE),
            TaskEvent.finished(failed, TaskStatus.FAILED, 1, "executor-a", DAY_ONE, failure),
            succeeded(failed, 2, "executor-b", DAY_ONE.plusMillis(2), usage(1)));
    TaskMessage timedOut = Events.task(user.id(), agent).withCharge(charge);
    TaskEvent timeout =
        TaskEvent.finished(
            timedOut, TaskStatus.TIMED_OUT, 1, "executor-a", DAY_TWO, Events.timeout(100));
    // Without a charge (a record from a producer that set none): free.
    TaskMessage free = Events.task(user.id(), agent);

    List<TaskEvent> all = new ArrayList<>(killedRun);
    all.addAll(failedRun);
    all.add(timeout);
    all.add(succeeded(free, 1, "executor-a", DAY_TWO, usage(5)));
    all.forEach(events::publish);
    all.forEach(events::publish);

    JsonPath usage = awaitUsage(user, "agent", body -> body.getLong("totals.tasks.total") == 4);
    assertEquals(2, usage.getLong("totals.tasks.succeeded"));
    assertEquals(1, usage.getLong("totals.tasks.failed"));
    assertEquals(1, usage.getLong("totals.tasks.timedOut"));
    assertMoney("2.50", usage, "totals.spend");
    assertMoney("2.50", usage, "rows[0].spend");
    // The first terminal event's usage counts (killed run: 10 ms CPU), each task once.
    assertEquals(10 + 5, usage.getLong("totals.cpuMs"));
    author
        .request()
        .queryParam("from", FROM)
        .queryParam("to", TO)
        .get("/earnings")
        .then()
        .statusCode(200)
        .body("totals.paidRuns", equalTo(1))
        .body("totals.revenue", equalTo(2.5f))
        .body("rows.agentId", equalTo(List.of(agent.toString())));
    user.request().get("/earnings").then().statusCode(200).body("totals.paidRuns", equalTo(0));
  }

  @Test
  void totalsEqualTheSumOfTheRowsByAgentAndByDay() {
    TestUser user = TestUser.create();
    TestUser stranger = TestUser.create();
    UUID author = UUID.randomUUID();
    UUID cheap = UUID.randomUUID();
    UUID dear = UUID.randomUUID();
    List<TaskMessage> tasks = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      UUID agent = i % 2 == 0 ? cheap : dear;
      String price = i % 2 == 0 ? "0.10" : "7.25";
      TaskMessage task =
          Events.task(user.id(), agent).withCharge(new TaskCharge(new BigDecimal(price), author));
      Instant at = i < 4 ? DAY_ONE.plusSeconds(i) : DAY_TWO.minusSeconds(i);
      events.publish(TaskEvent.queued(task, at));
      events.publish(succeeded(task, 1, "executor-a", at.plusMillis(1), usage(100 + i)));
      tasks.add(task);
    }
    TaskMessage queued = Events.task(user.id(), cheap).withCharge(tasks.get(0).charge());
    events.publish(TaskEvent.queued(queued, DAY_TWO));
    events.run(Events.task(stranger.id(), cheap), DAY_ONE, TaskStatus.SUCCEEDED, usage(1000));

    for (String groupBy : List.of("agent", "day")) {
      JsonPath usage = awaitUsage(user, groupBy, body -> body.getLong("totals.tasks.total") == 7);
      List<Map<String, Object>> rows = usage.getList("rows");
      assertEquals(2, rows.size(), groupBy);
      for (String figure :
          List.of(
              "tasks.total",
              "tasks.succeeded",
              "tasks.queued",
              "cpuMs",
              "wallMs",
              "httpRequests",
              "httpBytes")) {
        long sum = 0;
        for (int i = 0; i < rows.size(); i++) {
          sum += usage.getLong("rows[" + i + "]." + figure);
        }
        assertEquals(usage.getLong("totals." + figure), sum, groupBy + " " + figure);
      }
      for (String money : List.of("spend", "memoryMibSeconds")) {
        BigDecimal sum = BigDecimal.ZERO;
        for (int i = 0; i < rows.size(); i++) {
          sum = sum.add(usage.getObject("rows[" + i + "]." + money, BigDecimal.class));
        }
        assertMoney(sum.toPlainString(), usage, "totals." + money);
      }
      // 3 x 0.10 + 3 x 7.25 charged; the queued task is not (yet).
      assertMoney("22.05", usage, "totals.spend");
      // cpuMs 100..105, each run 2 x its CPU in wall time at 4 MiB: 4 x 2 x 615 ms = 4.92 MiB-s.
      assertEquals(615, usage.getLong("totals.cpuMs"));
      assertMoney("4.92", usage, "totals.memoryMibSeconds");
    }
    assertEquals(
        List.of("2026-03-02", "2026-03-03"),
        awaitUsage(user, "day", body -> true).getList("rows.day"));
  }

  @Test
  void capsAreStoredReplacedAndShownWithTheMonthSoFar() {
    TestUser user = TestUser.create();
    UUID agent = UUID.randomUUID();
    TaskCharge charge = new TaskCharge(new BigDecimal("1.25"), UUID.randomUUID());
    Instant now = Instant.now();
    TaskMessage done = Events.task(user.id(), agent).withCharge(charge);
    TaskMessage waiting = Events.task(user.id(), agent).withCharge(charge);
    events.run(done, now, TaskStatus.SUCCEEDED, usage(1));
    events.publish(TaskEvent.queued(waiting, now));

    given(user, "{\"monthlySpend\": 10.5, \"monthlyTasks\": 3}")
        .put("/users/me/limits")
        .then()
        .statusCode(200)
        .body("monthlySpend", equalTo(10.5f))
        .body("monthlyTasks", equalTo(3));
    await()
        .atMost(WAIT)
        .until(
            () ->
                user.request()
                        .get("/users/me/limits")
                        .then()
                        .extract()
                        .jsonPath()
                        .getLong("month.tasks")
                    == 2);
    JsonPath internal =
        user.request()
            .get("/internal/users/" + user.id() + "/limits")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertEquals(1.25f, internal.getFloat("month.spent"));
    assertEquals(1.25f, internal.getFloat("month.inFlight"));
    assertEquals(10.5f, internal.getFloat("monthlySpend"));

    given(user, "{\"monthlyTasks\": null}")
        .put("/users/me/limits")
        .then()
        .statusCode(200)
        .body("monthlySpend", equalTo(null))
        .body("monthlyTasks", equalTo(null));
    user.request()
        .get("/internal/users/" + user.id() + "/limits")
        .then()
        .statusCode(200)
        .body("month", equalTo(null));
  }

  @Test
  void invalidCapsAndPeriodsAreRefusedWithTheFieldsNamed() {
    TestUser user = TestUser.create();
    given(user, "{\"monthlySpend\": -1, \"monthlyTasks\": 1.5, \"monthly\": 3}")
        .put("/users/me/limits")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("type", equalTo("/problems/invalid-request"))
        .body("errors.field", hasItem("monthlySpend"))
        .body("errors.field", hasItem("monthlyTasks"))
        .body("errors.field", hasItem("monthly"));
    given(user, "{\"monthlySpend\": 0.001}").put("/users/me/limits").then().statusCode(400);
    user.request()
        .queryParam("from", "2026-05-01")
        .queryParam("to", "2026-04-01")
        .queryParam("groupBy", "week")
        .get("/usage")
        .then()
        .statusCode(400)
        .body("type", equalTo("/problems/invalid-query"))
        .body("errors.field", hasItem("groupBy"));
    user.request()
        .queryParam("from", "2026-05-01")
        .queryParam("to", "2026-04-01")
        .get("/usage")
        .then()
        .statusCode(400)
        .body("errors.field", equalTo(List.of("to")));
    user.request()
        .get("/users/me/limits")
        .then()
        .statusCode(200)
        .body("monthlySpend", equalTo(null));
    io.restassured.RestAssured.given().get("/usage").then().statusCode(401);
  }

  private static void assertMoney(String expected, JsonPath body, String path) {
    BigDecimal actual = body.getObject(path, BigDecimal.class);
    assertEquals(0, new BigDecimal(expected).compareTo(actual), path + " was " + actual);
  }

  private static io.restassured.specification.RequestSpecification given(
      TestUser user, String body) {
    return user.request().contentType(ContentType.JSON).body(body.getBytes(StandardCharsets.UTF_8));
  }

  private static TaskEvent succeeded(
      TaskMessage task, int attempt, String executor, Instant at, TaskResult result) {
    return TaskEvent.finished(task, TaskStatus.SUCCEEDED, attempt, executor, at, result);
  }

  /** A successful run that used {@code cpuMs}, twice that in wall time, 4 MiB and some HTTP. */
  private static TaskResult usage(long cpuMs) {
    return new TaskResult(
        0,
        new byte[0],
        new byte[0],
        false,
        false,
        2 * cpuMs,
        null,
        new TaskUsage(cpuMs, 2 * cpuMs, 4, 0, 0, 1, cpuMs * 10));
  }

  private static JsonPath awaitUsage(TestUser user, String groupBy, Predicate<JsonPath> ready) {
    JsonPath[] last = new JsonPath[1];
    await()
        .atMost(WAIT)
        .until(
            () -> {
              last[0] =
                  user.request()
                      .queryParam("from", FROM)
                      .queryParam("to", TO)
                      .queryParam("groupBy", groupBy)
                      .get("/usage")
                      .then()
                      .statusCode(200)
                      .extract()
                      .jsonPath(DECIMALS);
              return ready.test(last[0]);
            });
    return last[0];
  }
}
