package io.agentry.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentry.gateway.support.DownstreamServices;
import io.agentry.gateway.support.KafkaRecords;
import io.agentry.gateway.support.TestAgents;
import io.agentry.gateway.support.TestUsers;
import io.agentry.gateway.support.TestUsers.TestUser;
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
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@QuarkusTest
@WithTestResource(
    value = LocalStackTestResource.class,
    initArgs = {
      @ResourceArg(name = "components", value = DownstreamServices.COMPONENTS),
      @ResourceArg(name = "database", value = "gateway")
    })
@WithTestResource(DownstreamServices.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WaitTest {

  private TestUser user;
  private UUID agentId;

  /** RestAssured points at the gateway only once a test runs, so the fixture is made then. */
  @BeforeEach
  void createAgentOnce() {
    if (user == null) {
      user = TestUsers.register();
      agentId = TestAgents.create(user);
    }
  }

  @Test
  void aWaitingSubmissionReturnsTheResultAsSoonAsTheTaskEnds() throws Exception {
    TestUser waiting = TestUsers.register();
    long started = System.nanoTime();
    CompletableFuture<Response> answer = CompletableFuture.supplyAsync(() -> submit(waiting, 30));

    TaskMessage task =
        WireCodec.decodeTask(
            KafkaRecords.first(
                    Topics.AGENT_TASKS,
                    record -> WireCodec.decodeTask(record.value()).userId().equals(waiting.id()))
                .value());
    byte[] stdout = {'o', 'k', ' ', (byte) 0xff};
    TaskResult result =
        new TaskResult(0, stdout, "warn".getBytes(StandardCharsets.UTF_8), false, true, 42, null);
    Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    KafkaRecords.send(
        Topics.TASK_EVENTS,
        task.taskId(),
        WireCodec.encode(
            TaskEvent.finished(task, TaskStatus.SUCCEEDED, 1, "exec-test", at, result)));

    Response response = answer.get(60, TimeUnit.SECONDS);
    long tookSeconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
    assertEquals(200, response.statusCode(), response.asString());
    assertTrue(tookSeconds < 25, "the request was held " + tookSeconds + " s");
    assertEquals(task.taskId().toString(), response.path("taskId"));
    assertEquals(agentId.toString(), response.path("agentId"));
    assertEquals("SUCCEEDED", response.path("status"));
    assertEquals(0, (int) response.path("exitCode"));
    assertEquals("ok \uFFFD", response.path("stdout"));
    assertEquals("warn", response.path("stderr"));
    assertEquals(false, response.path("stdoutTruncated"));
    assertEquals(true, response.path("stderrTruncated"));
    assertEquals(42, (int) response.path("durationMs"));
    assertNull(response.path("error"));
    assertEquals(at.toString(), Instant.parse(response.path("createdAt")).toString());
  }

  @Test
  void aTaskThatDoesNotEndInTimeIsAnsweredWithTheUsual202() {
    Response response = submit(user, 1);
    assertEquals(202, response.statusCode(), response.asString());
    assertEquals("QUEUED", response.path("status"));
    assertEquals("/api/v1/tasks/" + response.path("taskId"), response.header("Location"));
  }

  private Response submit(TestUser who, int waitSeconds) {
    return who.withKey()
        .contentType(ContentType.JSON)
        .body(Map.of("agentId", agentId.toString(), "input", "wait for me"))
        .post("/api/v1/tasks?wait=" + waitSeconds)
        .then()
        .extract()
        .response();
  }
}
