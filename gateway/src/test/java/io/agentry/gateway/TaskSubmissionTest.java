package io.agentry.gateway;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentry.gateway.support.DownstreamServices;
import io.agentry.gateway.support.KafkaRecords;
import io.agentry.gateway.support.Processes;
import io.agentry.gateway.support.TestAgents;
import io.agentry.gateway.support.TestUsers;
import io.agentry.gateway.support.TestUsers.TestUser;
import io.agentry.localstack.LocalStackTestResource;
import io.agentry.wire.TaskEvent;
import io.agentry.wire.TaskMessage;
import io.agentry.wire.TaskStatus;
import io.agentry.wire.Topics;
import io.agentry.wire.WireCodec;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
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
class TaskSubmissionTest {

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
  void anAcceptedTaskIsOnKafkaWithTheAgentsHashAndVisibleAsQueued() {
    Response response =
        user.withKey()
            .contentType(ContentType.JSON)
            .body(
                Map.of(
                    "agentId",
                    agentId.toString(),
                    "input",
                    "hello",
                    "args",
                    List.of("--upper"),
                    "env",
                    Map.of("LANG", "C"),
                    "timeoutMs",
                    5000,
                    "maxMemoryMb",
                    32))
            .post("/api/v1/tasks")
            .then()
            .statusCode(202)
            .body("agentId", equalTo(agentId.toString()))
            .body("status", equalTo("QUEUED"))
            .body("submittedAt", notNullValue())
            .extract()
            .response();
    UUID taskId = UUID.fromString(response.path("taskId"));
    assertEquals("/api/v1/tasks/" + taskId, response.header("Location"));

    TaskMessage task = WireCodec.decodeTask(KafkaRecords.first(Topics.AGENT_TASKS, taskId).value());
    assertEquals(user.id(), task.userId());
    assertEquals(agentId, task.agentId());
    assertArrayEquals("hello".getBytes(StandardCharsets.UTF_8), task.input());
    assertEquals(List.of("--upper"), task.args());
    assertEquals(Map.of("LANG", "C"), task.env());
    assertEquals(5000, task.timeoutMs());
    assertEquals(32, task.maxMemoryMb());
    String binaryHash =
        user.withKey().get("/api/v1/agents/" + agentId).then().extract().path("binaryHash");
    assertEquals(binaryHash, task.binaryHash());

    TaskEvent queued =
        WireCodec.decodeEvent(KafkaRecords.first(Topics.TASK_EVENTS, taskId).value());
    assertEquals(TaskStatus.QUEUED, queued.status());
  }

  /** Hostile: a caller tries to replace an agent's secret with a value of its own. */
  @Test
  void aTaskWhoseEnvNamesOneOfTheAgentsSecretsIsRefusedAndOtherTasksGoThrough() {
    TestUser owner = TestUsers.register();
    UUID withSecret = TestAgents.create(owner);
    owner
        .withKey()
        .contentType(ContentType.JSON)
        .body(Map.of("value", "sk-only-for-the-agent"))
        .put("/api/v1/agents/" + withSecret + "/secrets/API_KEY")
        .then()
        .statusCode(200);
    TestUser caller = TestUsers.register();

    caller
        .withKey()
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "agentId",
                withSecret.toString(),
                "env",
                Map.of("API_KEY", "the caller's guess", "MODE", "fast")))
        .post("/api/v1/tasks")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("type", equalTo("/problems/invalid-task"))
        .body("errors.field", equalTo(List.of("env.API_KEY")))
        .body("errors[0].message", containsString("one of the agent's secrets"));

    caller
        .withKey()
        .contentType(ContentType.JSON)
        .body(Map.of("agentId", withSecret.toString(), "env", Map.of("MODE", "fast")))
        .post("/api/v1/tasks")
        .then()
        .statusCode(202);
    // The same name is free for an agent without such a secret.
    caller
        .withKey()
        .contentType(ContentType.JSON)
        .body(Map.of("agentId", agentId.toString(), "env", Map.of("API_KEY", "mine")))
        .post("/api/v1/tasks")
        .then()
        .statusCode(202);
  }

  @Test
  void defaultsApplyAndBase64InputIsDecoded() {
    byte[] bytes = {0, 1, 2, (byte) 0xff};
    String taskId =
        user.withToken()
            .contentType(ContentType.JSON)
            .body(
                Map.of(
                    "agentId",
                    agentId.toString(),
                    "inputBase64",
                    Base64.getEncoder().encodeToString(bytes)))
            .post("/api/v1/tasks")
            .then()
            .statusCode(202)
            .extract()
            .path("taskId");
    TaskMessage task =
        WireCodec.decodeTask(
            KafkaRecords.first(Topics.AGENT_TASKS, UUID.fromString(taskId)).value());
    assertArrayEquals(bytes, task.input());
    assertEquals(30_000, task.timeoutMs());
    assertEquals(64, task.maxMemoryMb());
  }

  @Test
  void everyBrokenRuleIsReportedWithItsField() {
    user.withKey()
        .contentType(ContentType.JSON)
        .body(
            "{\"agentId\":\"nope\",\"input\":\"a\",\"inputBase64\":\"YQ==\",\"timeoutMs\":0,"
                + "\"maxMemoryMb\":513,\"args\":[1],\"env\":{\"A=B\":\"x\"},\"extra\":true}")
        .post("/api/v1/tasks")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("type", equalTo("/problems/invalid-task"))
        .body(
            "errors.field",
            hasItems(
                "agentId",
                "inputBase64",
                "timeoutMs",
                "maxMemoryMb",
                "args[0]",
                "env.A=B",
                "extra"));
  }

  @Test
  void tooManyArgsAndLongStringsAreRefused() {
    user.withKey()
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "agentId", agentId.toString(),
                "args", java.util.Collections.nCopies(65, "a"),
                "env", Map.of("K", "v".repeat(4097))))
        .post("/api/v1/tasks")
        .then()
        .statusCode(400)
        .body("errors.field", hasItems("args", "env.K"));
  }

  @Test
  void anInputOverOneMebibyteIsTooLarge() {
    user.withKey()
        .contentType(ContentType.JSON)
        .body(Map.of("agentId", agentId.toString(), "input", "x".repeat(1024 * 1024 + 1)))
        .post("/api/v1/tasks")
        .then()
        .statusCode(413)
        .body("type", equalTo("/problems/input-too-large"));
  }

  @Test
  void invalidJsonAndABadWaitAreRefused() {
    user.withKey()
        .contentType(ContentType.JSON)
        .body("{\"agentId\":")
        .post("/api/v1/tasks")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("type", equalTo("/problems/invalid-json"));
    user.withKey()
        .contentType(ContentType.JSON)
        .body(Map.of("agentId", agentId.toString()))
        .post("/api/v1/tasks?wait=61")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("wait"));
  }

  @Test
  void jsonWithSomethingAfterTheValueOrBeyondTheParsersBoundsIsRefused() {
    String task = "{\"agentId\":\"" + agentId + "\"}";
    for (String body : new String[] {task + " {}", task + " garbage", task + task}) {
      user.withKey()
          .contentType(ContentType.JSON)
          .body(body)
          .post("/api/v1/tasks")
          .then()
          .statusCode(400)
          .contentType("application/problem+json")
          .body("type", equalTo("/problems/invalid-json"));
    }
    user.withKey()
        .contentType(ContentType.JSON)
        .body("{\"args\":[" + "[],".repeat(200_000) + "[]]}")
        .post("/api/v1/tasks")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("type", equalTo("/problems/invalid-json"))
        .body("detail", containsString("Token count"));
  }

  @Test
  void anUnknownAgentIsNotFound() {
    user.withKey()
        .contentType(ContentType.JSON)
        .body(Map.of("agentId", UUID.randomUUID().toString()))
        .post("/api/v1/tasks")
        .then()
        .statusCode(404)
        .body("type", equalTo("/problems/agent-not-found"));
  }

  @Test
  void aDisabledAgentTakesNoTasks() {
    UUID disabled = TestAgents.create(user);
    user.withKey().delete("/api/v1/agents/" + disabled).then().statusCode(204);
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    int status;
    do {
      Processes.pause();
      status =
          user.withKey()
              .contentType(ContentType.JSON)
              .body(Map.of("agentId", disabled.toString()))
              .post("/api/v1/tasks")
              .then()
              .extract()
              .statusCode();
    } while (status != 409 && System.nanoTime() < deadline);
    user.withKey()
        .contentType(ContentType.JSON)
        .body(Map.of("agentId", disabled.toString()))
        .post("/api/v1/tasks")
        .then()
        .statusCode(409)
        .body("type", equalTo("/problems/agent-unavailable"));
  }

  @Test
  void aUserOverTheRateLimitIsToldWhenToRetry() throws Exception {
    TestUser busy = TestUsers.register();
    // All at once, each on its own connection: the limit counts requests as they arrive, so they
    // outrun the bucket's refill however slowly the registry answers the admitted ones.
    HttpClient client = HttpClient.newHttpClient();
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(RestAssured.baseURI + ":" + RestAssured.port + "/api/v1/users/me"))
            .header("Authorization", "Bearer " + busy.apiKey())
            .build();
    List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
    for (int i = 0; i < 240; i++) {
      sent.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
    }
    List<HttpResponse<String>> limited = new ArrayList<>();
    for (CompletableFuture<HttpResponse<String>> answer : sent) {
      HttpResponse<String> response = answer.get(60, TimeUnit.SECONDS);
      if (response.statusCode() == 429) {
        limited.add(response);
      }
    }
    assertEquals(true, !limited.isEmpty(), "no request was rate limited");
    for (HttpResponse<String> response : limited) {
      assertTrue(response.body().contains("\"type\":\"/problems/rate-limited\""), response.body());
      assertTrue(Integer.parseInt(response.headers().firstValue("Retry-After").orElseThrow()) >= 1);
    }
  }
}
