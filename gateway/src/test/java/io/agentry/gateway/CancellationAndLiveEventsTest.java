package io.agentry.gateway;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.agentry.gateway.support.DownstreamServices;
import io.agentry.gateway.support.KafkaRecords;
import io.agentry.gateway.support.Processes;
import io.agentry.gateway.support.TestAgents;
import io.agentry.gateway.support.TestUsers;
import io.agentry.gateway.support.TestUsers.TestUser;
import io.agentry.localstack.LocalStackTestResource;
import io.agentry.wire.TaskControl;
import io.agentry.wire.TaskEvent;
import io.agentry.wire.TaskMessage;
import io.agentry.wire.TaskResult;
import io.agentry.wire.TaskStatus;
import io.agentry.wire.Topics;
import io.agentry.wire.WireCodec;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Cancellation and the live status stream, against the real results-service. */
@QuarkusTest
@WithTestResource(
    value = LocalStackTestResource.class,
    initArgs = {
      @ResourceArg(name = "components", value = DownstreamServices.COMPONENTS),
      @ResourceArg(name = "database", value = "gateway")
    })
@WithTestResource(DownstreamServices.class)
class CancellationAndLiveEventsTest {

  @TestHTTPResource("/")
  URL gateway;

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
  void cancellingAQueuedTaskSendsTheCancellationToTheExecutors() {
    UUID taskId = submitAndAwaitVisible();

    user.withKey()
        .delete("/api/v1/tasks/" + taskId)
        .then()
        .statusCode(202)
        .body("taskId", equalTo(taskId.toString()))
        .body("cancelRequested", equalTo(true));

    TaskControl control =
        WireCodec.decodeControl(KafkaRecords.first(Topics.TASK_CONTROL, taskId).value());
    assertEquals(TaskControl.Action.CANCEL, control.action());
    assertEquals(user.id(), control.userId());
  }

  @Test
  void anotherUsersTaskIsNotFoundForReadingOrCancelling() {
    UUID taskId = submitAndAwaitVisible();
    TestUser other = TestUsers.register();
    other
        .withKey()
        .get("/api/v1/tasks/" + taskId)
        .then()
        .statusCode(404)
        .contentType("application/problem+json")
        .body("type", equalTo("/problems/task-not-found"));
    other
        .withKey()
        .delete("/api/v1/tasks/" + taskId)
        .then()
        .statusCode(404)
        .body("type", equalTo("/problems/task-not-found"));
    user.withKey()
        .delete("/api/v1/tasks/" + UUID.randomUUID())
        .then()
        .statusCode(404)
        .body("type", equalTo("/problems/task-not-found"));
  }

  @Test
  void aTaskThatHasEndedCannotBeCancelled() {
    UUID taskId = submitAndAwaitVisible();
    finish(taskId, TaskStatus.CANCELLED);
    awaitStatus(taskId, "CANCELLED");
    user.withKey()
        .delete("/api/v1/tasks/" + taskId)
        .then()
        .statusCode(409)
        .body("type", equalTo("/problems/task-finished"));
  }

  @Test
  void theLiveStreamOfATaskIsProxiedWithAnAccessTokenParameter() throws Exception {
    UUID taskId = submitAndAwaitVisible();
    Messages messages = new Messages();
    WebSocket socket =
        HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .buildAsync(
                socketUri("/api/v1/tasks/" + taskId + "/events?access_token=" + user.apiKey()),
                messages)
            .get(30, TimeUnit.SECONDS);
    try {
      JsonObject first = new JsonObject(messages.first.get(30, TimeUnit.SECONDS));
      assertEquals(taskId.toString(), first.getString("taskId"));
      assertEquals("QUEUED", first.getString("status"));
    } finally {
      socket.abort();
    }
  }

  @Test
  void aLiveStreamWithoutCredentialsIsRefused() {
    ExecutionException refused =
        org.junit.jupiter.api.Assertions.assertThrows(
            ExecutionException.class,
            () ->
                HttpClient.newHttpClient()
                    .newWebSocketBuilder()
                    .buildAsync(socketUri("/api/v1/events"), new Messages())
                    .get(30, TimeUnit.SECONDS));
    WebSocketHandshakeException handshake =
        assertInstanceOf(WebSocketHandshakeException.class, refused.getCause());
    assertEquals(401, handshake.getResponse().statusCode());
  }

  private UUID submitAndAwaitVisible() {
    String taskId =
        user.withKey()
            .contentType(ContentType.JSON)
            .body(Map.of("agentId", agentId.toString(), "input", "cancel me"))
            .post("/api/v1/tasks")
            .then()
            .statusCode(202)
            .extract()
            .path("taskId");
    awaitStatus(UUID.fromString(taskId), "QUEUED");
    return UUID.fromString(taskId);
  }

  private void awaitStatus(UUID taskId, String status) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    String seen = null;
    while (!status.equals(seen) && System.nanoTime() < deadline) {
      var response = user.withKey().get("/api/v1/tasks/" + taskId);
      seen = response.statusCode() == 200 ? response.path("status") : null;
      if (!status.equals(seen)) {
        Processes.pause();
      }
    }
    assertEquals(status, seen, "task " + taskId + " never reached " + status);
  }

  private void finish(UUID taskId, TaskStatus status) {
    TaskMessage task =
        new TaskMessage(
            taskId,
            agentId,
            user.id(),
            null,
            new byte[0],
            java.util.List.of(),
            Map.of(),
            1000,
            16,
            Instant.now().truncatedTo(ChronoUnit.MILLIS));
    KafkaRecords.send(
        Topics.TASK_EVENTS,
        taskId,
        WireCodec.encode(
            TaskEvent.finished(
                task,
                status,
                0,
                "exec-test",
                Instant.now().truncatedTo(ChronoUnit.MILLIS),
                TaskResult.withoutOutput(0, "Cancelled by its owner."))));
  }

  private URI socketUri(String path) {
    return URI.create("ws://" + gateway.getHost() + ":" + gateway.getPort() + path);
  }

  /** Collects the first text message. */
  private static final class Messages implements WebSocket.Listener {
    final CompletableFuture<String> first = new CompletableFuture<>();
    private final StringBuilder text = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        first.complete(text.toString());
      }
      socket.request(1);
      return null;
    }
  }
}
