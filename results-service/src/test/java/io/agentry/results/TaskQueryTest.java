package io.agentry.results;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.agentry.localstack.LocalStackTestResource;
import io.agentry.wire.TaskEvent;
import io.agentry.wire.TaskMessage;
import io.agentry.wire.TaskResult;
import io.agentry.wire.TaskStatus;
import io.agentry.wire.TaskUsage;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
class TaskQueryTest {

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
  void aMethodAPathDoesNotTakeIsAnsweredWithTheMethodsItTakes() {
    TestUser user = TestUser.create();
    user.request()
        .put("/agents/" + UUID.randomUUID() + "/stats")
        .then()
        .statusCode(405)
        .contentType("application/problem+json")
        .header("Allow", "GET")
        .body("type", equalTo("/problems/method-not-allowed"))
        .body("detail", equalTo("This path takes GET, not PUT."));
  }

  @Test
  void aTaskShowsItsStatusTimesAndAttempts() {
    TestUser user = TestUser.create();
    TaskMessage task = Events.task(user.id(), UUID.randomUUID());
    Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    events.run(task, at, TaskStatus.SUCCEEDED, Events.success("HELLO", 12));

    awaitStatus(user, task.taskId(), "SUCCEEDED");
    JsonPath body =
        user.request().get("/tasks/" + task.taskId()).then().statusCode(200).extract().jsonPath();
    assertEquals(task.taskId().toString(), body.getString("taskId"));
    assertEquals(task.agentId().toString(), body.getString("agentId"));
    assertEquals(at, Instant.parse(body.getString("submittedAt")));
    assertEquals(at.plusMillis(1), Instant.parse(body.getString("startedAt")));
    assertEquals(at.plusMillis(2), Instant.parse(body.getString("finishedAt")));
    assertEquals(1, body.getInt("attempts"));
  }

  @Test
  void aRedeliveredStartCountsOnceAndASecondExecutorsStartCountsAgain() {
    TestUser user = TestUser.create();
    TaskMessage task = Events.task(user.id(), UUID.randomUUID());
    Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    TaskEvent firstStart = TaskEvent.running(task, 1, "executor-a", at);
    events.publish(firstStart);
    events.publish(firstStart);
    events.publish(TaskEvent.running(task, 1, "executor-b", at.plusMillis(500)));
    events.publish(TaskEvent.running(task, 1, "executor-b", at.plusMillis(500)));
    events.publish(
        TaskEvent.finished(
            task,
            TaskStatus.SUCCEEDED,
            1,
            "executor-b",
            at.plusMillis(600),
            Events.success("", 1)));

    awaitStatus(user, task.taskId(), "SUCCEEDED");
    user.request().get("/tasks/" + task.taskId()).then().body("attempts", equalTo(2));
  }

  @Test
  void aTaskFirstSeenAtItsEndIsRecordedWithTheEventsAttempt() {
    TestUser user = TestUser.create();
    TaskMessage task = Events.task(user.id(), UUID.randomUUID());
    Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    events.publish(
        TaskEvent.finished(task, TaskStatus.TIMED_OUT, 1, "executor-a", at, Events.timeout(30)));

    awaitStatus(user, task.taskId(), "TIMED_OUT");
    JsonPath body = user.request().get("/tasks/" + task.taskId()).then().extract().jsonPath();
    assertEquals(1, body.getInt("attempts"));
    assertNull(body.get("startedAt"));
    assertEquals(at, Instant.parse(body.getString("submittedAt")));
    user.request()
        .get("/tasks/" + task.taskId() + "/results")
        .then()
        .statusCode(200)
        .body("status", equalTo("TIMED_OUT"))
        .body("exitCode", nullValue())
        .body("error", equalTo("the task ran longer than its time limit"));
  }

  @Test
  void theResultCarriesTheRunsUsageAndAnOlderEventWithoutItNone() {
    TestUser user = TestUser.create();
    TaskMessage measured = Events.task(user.id(), UUID.randomUUID());
    TaskMessage older = Events.task(user.id(), UUID.randomUUID());
    TaskUsage usage = new TaskUsage(41, 57, 3, 2_000_000, 12, 4, 70_000);
    TaskResult withUsage =
        new TaskResult(0, "out".getBytes(), new byte[0], true, false, 57, null, usage);
    events.publish(
        TaskEvent.finished(
            measured, TaskStatus.SUCCEEDED, 1, "executor-a", Instant.now(), withUsage));
    events.publish(
        TaskEvent.finished(
            older, TaskStatus.SUCCEEDED, 1, "executor-a", Instant.now(), Events.success("", 3)));

    awaitStatus(user, measured.taskId(), "SUCCEEDED");
    awaitStatus(user, older.taskId(), "SUCCEEDED");
    user.request()
        .get("/tasks/" + measured.taskId() + "/results")
        .then()
        .statusCode(200)
        .body("usage.cpuMs", equalTo(41))
        .body("usage.wallMs", equalTo(57))
        .body("usage.memoryPeakMb", equalTo(3))
        .body("usage.stdoutBytes", equalTo(2_000_000))
        .body("usage.stderrBytes", equalTo(12))
        .body("usage.httpRequests", equalTo(4))
        .body("usage.httpBytes", equalTo(70_000));
    user.request()
        .get("/tasks/" + older.taskId() + "/results")
        .then()
        .statusCode(200)
        .body("usage", nullValue());
  }

  @Test
  void anotherUsersTaskAndResultAreNotFound() {
    TestUser owner = TestUser.create();
    TestUser stranger = TestUser.create();
    TaskMessage task = Events.task(owner.id(), UUID.randomUUID());
    events.run(task, Instant.now(), TaskStatus.SUCCEEDED, Events.success("secret", 3));
    awaitStatus(owner, task.taskId(), "SUCCEEDED");

    for (String path : List.of("", "/results", "/results/stdout", "/results/stderr")) {
      stranger
          .request()
          .get("/tasks/" + task.taskId() + path)
          .then()
          .statusCode(404)
          .contentType("application/problem+json")
          .body("type", equalTo("/problems/task-not-found"));
    }
    assertEquals(
        0, stranger.request().get("/tasks").then().extract().jsonPath().getList("items").size());
    assertEquals(
        0,
        stranger
            .request()
            .get("/tasks/results")
            .then()
            .extract()
            .jsonPath()
            .getList("items")
            .size());
  }

  @Test
  void aRunningTasksResultIsNotReady() {
    TestUser user = TestUser.create();
    TaskMessage task = Events.task(user.id(), UUID.randomUUID());
    events.publish(TaskEvent.running(task, 1, "executor-a", Instant.now()));
    awaitStatus(user, task.taskId(), "RUNNING");

    for (String path : List.of("/results", "/results/stdout")) {
      user.request()
          .get("/tasks/" + task.taskId() + path)
          .then()
          .statusCode(404)
          .contentType("application/problem+json")
          .body("type", equalTo("/problems/result-not-ready"))
          .body("status", equalTo(404));
    }
  }

  @Test
  void theOutputEndpointsGiveTheExactBytesAndTheResultGivesText() {
    TestUser user = TestUser.create();
    TaskMessage task = Events.task(user.id(), UUID.randomUUID());
    byte[] stdout = {'o', 'k', (byte) 0xff, (byte) 0xfe, 0};
    byte[] stderr = {'w', 'a', 'r', 'n', (byte) 0xc3};
    events.run(
        task,
        Instant.now(),
        TaskStatus.SUCCEEDED,
        new TaskResult(0, stdout, stderr, true, false, 9, null));
    awaitStatus(user, task.taskId(), "SUCCEEDED");

    byte[] out =
        user.request()
            .get("/tasks/" + task.taskId() + "/results/stdout")
            .then()
            .statusCode(200)
            .contentType("application/octet-stream")
            .extract()
            .asByteArray();
    assertArrayEquals(stdout, out);
    byte[] err =
        user.request()
            .get("/tasks/" + task.taskId() + "/results/stderr")
            .then()
            .statusCode(200)
            .extract()
            .asByteArray();
    assertArrayEquals(stderr, err);
    JsonPath result =
        user.request()
            .get("/tasks/" + task.taskId() + "/results")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertEquals("ok\uFFFD\uFFFD\u0000", result.getString("stdout"));
    assertEquals(true, result.getBoolean("stdoutTruncated"));
    assertEquals(false, result.getBoolean("stderrTruncated"));
    assertEquals(0, result.getInt("exitCode"));
    assertEquals(9, result.getInt("durationMs"));
    assertNull(result.get("error"));
    assertNotNull(result.getString("createdAt"));
  }

  @Test
  void listsFilterByStatusAndAgent() {
    TestUser user = TestUser.create();
    UUID agentA = UUID.randomUUID();
    UUID agentB = UUID.randomUUID();
    TaskMessage a1 = Events.task(user.id(), agentA);
    TaskMessage a2 = Events.task(user.id(), agentA);
    TaskMessage b1 = Events.task(user.id(), agentB);
    Instant at = Instant.now();
    events.run(a1, at, TaskStatus.SUCCEEDED, Events.success("", 1));
    events.run(a2, at.plusMillis(10), TaskStatus.FAILED, Events.failure(2, 1));
    events.publish(TaskEvent.queued(b1, at.plusMillis(20)));
    awaitStatus(user, a2.taskId(), "FAILED");
    awaitStatus(user, b1.taskId(), "QUEUED");

    assertEquals(
        List.of(b1.taskId().toString(), a2.taskId().toString(), a1.taskId().toString()),
        user.request().get("/tasks").then().statusCode(200).extract().path("items.taskId"));
    assertEquals(
        List.of(a2.taskId().toString(), a1.taskId().toString()),
        user.request()
            .queryParam("agentId", agentA)
            .get("/tasks")
            .then()
            .extract()
            .path("items.taskId"));
    assertEquals(
        List.of(b1.taskId().toString()),
        user.request()
            .queryParam("status", "queued")
            .get("/tasks")
            .then()
            .extract()
            .path("items.taskId"));
    assertEquals(
        List.of(a2.taskId().toString()),
        user.request()
            .queryParam("agentId", agentA)
            .queryParam("status", "FAILED")
            .get("/tasks/results")
            .then()
            .statusCode(200)
            .extract()
            .path("items.taskId"));
    assertEquals(
        List.of(a2.taskId().toString(), a1.taskId().toString()),
        user.request().get("/tasks/results").then().extract().path("items.taskId"));
  }

  @Test
  void resultsFilterByTimeWindow() {
    TestUser user = TestUser.create();
    UUID agent = UUID.randomUUID();
    Instant base = Instant.parse("2026-03-01T10:00:00Z");
    List<TaskMessage> tasks = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      TaskMessage task = Events.task(user.id(), agent);
      tasks.add(task);
      events.publish(
          TaskEvent.finished(
              task,
              TaskStatus.SUCCEEDED,
              1,
              "executor-a",
              base.plus(Duration.ofHours(i)),
              Events.success("", 1)));
    }
    awaitStatus(user, tasks.get(2).taskId(), "SUCCEEDED");

    assertEquals(
        List.of(tasks.get(1).taskId().toString()),
        user.request()
            .queryParam("since", "2026-03-01T11:00:00Z")
            .queryParam("until", "2026-03-01T12:00:00Z")
            .get("/tasks/results")
            .then()
            .statusCode(200)
            .extract()
            .path("items.taskId"));
  }

  @Test
  void pagesNeitherRepeatNorSkipWhileNewTasksArrive() {
    TestUser user = TestUser.create();
    UUID agent = UUID.randomUUID();
    Instant base = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MILLIS);
    List<Map.Entry<Instant, String>> expected = new ArrayList<>();
    TaskMessage last = null;
    for (int i = 0; i < 25; i++) {
      last = Events.task(user.id(), agent);
      // Pairs share a submission time, so the id breaks ties.
      Instant at = base.plusMillis(i / 2 * 10);
      expected.add(Map.entry(at, last.taskId().toString()));
      events.publish(TaskEvent.queued(last, at));
    }
    expected.sort(
        Map.Entry.<Instant, String>comparingByKey()
            .thenComparing(Map.Entry.comparingByValue())
            .reversed());
    TaskMessage newest = last;
    await()
        .atMost(WAIT)
        .until(() -> user.request().get("/tasks/" + newest.taskId()).statusCode() == 200);
    await().atMost(WAIT).until(() -> pageOf(user, null, 100).getList("items").size() == 25);

    List<String> seen = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      JsonPath page = pageOf(user, cursor, 10);
      seen.addAll(page.getList("items.taskId"));
      cursor = page.getString("nextCursor");
      pages++;
      // A newer task arriving between pages must not shift the later pages.
      TaskMessage fresh = Events.task(user.id(), agent);
      events.publish(TaskEvent.queued(fresh, Instant.now()));
    } while (cursor != null);

    assertEquals(3, pages);
    assertEquals(expected.stream().map(Map.Entry::getValue).toList(), seen);
  }

  @Test
  void invalidParametersAreOneProblemListingEach() {
    TestUser user = TestUser.create();
    user.request()
        .queryParam("limit", "0")
        .queryParam("status", "DONE")
        .queryParam("agentId", "nope")
        .get("/tasks")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("type", equalTo("/problems/invalid-query"))
        .body("errors.field", hasItem("limit"))
        .body("errors.field", hasItem("status"))
        .body("errors.field", hasItem("agentId"));
    user.request()
        .queryParam("status", "RUNNING")
        .queryParam("since", "yesterday")
        .get("/tasks/results")
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("status"))
        .body("errors.field", hasItem("since"));
    user.request()
        .queryParam("cursor", "not-a-cursor")
        .get("/tasks")
        .then()
        .statusCode(400)
        .body("type", equalTo("/problems/invalid-cursor"));
  }

  @Test
  void aCursorOfOneListIsRefusedByTheOther() {
    TestUser user = TestUser.create();
    String cursor =
        new io.agentry.results.service.Cursor(
                io.agentry.results.service.Cursor.TASKS, Instant.now(), UUID.randomUUID())
            .encode();
    user.request()
        .queryParam("cursor", cursor)
        .get("/tasks/results")
        .then()
        .statusCode(400)
        .body("type", equalTo("/problems/invalid-cursor"));
  }

  @Test
  void aMalformedTaskIdIsNotFound() {
    TestUser.create()
        .request()
        .get("/tasks/not-a-uuid")
        .then()
        .statusCode(404)
        .body("type", equalTo("/problems/task-not-found"));
  }

  private static JsonPath pageOf(TestUser user, String cursor, int limit) {
    var request = user.request().queryParam("limit", limit);
    if (cursor != null) {
      request.queryParam("cursor", cursor);
    }
    return request.get("/tasks").then().statusCode(200).extract().jsonPath();
  }

  static void awaitStatus(TestUser user, UUID taskId, String status) {
    await()
        .atMost(WAIT)
        .until(
            () -> {
              var response = user.request().get("/tasks/" + taskId);
              return response.statusCode() == 200
                  && status.equals(response.jsonPath().getString("status"));
            });
  }
}
