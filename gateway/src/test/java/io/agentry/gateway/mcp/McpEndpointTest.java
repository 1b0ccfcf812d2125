package io.agentry.gateway.mcp;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentry.gateway.support.DownstreamServices;
import io.agentry.gateway.support.TestAgents;
import io.agentry.gateway.support.TestUsers;
import io.agentry.gateway.support.TestUsers.TestUser;
import io.agentry.localstack.LocalStackTestResource;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.net.URL;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The MCP endpoint's transport and tools against the real registry and results service (no
 * executor: a task stays QUEUED): sessions belong to their user, origins and protocol revisions are
 * checked, and a call that outlasts its task's limit plus the margin answers with the status.
 */
@QuarkusTest
@WithTestResource(
    value = LocalStackTestResource.class,
    initArgs = {
      @ResourceArg(name = "components", value = DownstreamServices.COMPONENTS),
      @ResourceArg(name = "database", value = "gateway")
    })
@WithTestResource(DownstreamServices.class)
class McpEndpointTest {

  private static final String INITIALIZE =
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
          + "\"%s\",\"capabilities\":{},\"clientInfo\":{\"name\":\"test\",\"version\":\"1\"}}}";
  private static final String LIST = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}";

  @TestHTTPResource("/")
  URL base;

  @Test
  void withoutCredentialsTheEndpointAnswers401WithAChallenge() {
    given()
        .contentType("application/json")
        .body(INITIALIZE.formatted("2025-11-25"))
        .post("/api/v1/mcp")
        .then()
        .statusCode(401)
        .header("WWW-Authenticate", startsWith("Bearer"))
        .body("type", equalTo("/problems/unauthorized"));
  }

  @Test
  void theSessionNegotiatesARevisionAndBelongsToItsUser() {
    TestUser owner = TestUsers.register();
    TestUser other = TestUsers.register();
    Response initialized = initialize(owner, "2025-06-18");
    assertEquals("2025-06-18", initialized.path("result.protocolVersion"));
    String session = initialized.header("Mcp-Session-Id");

    post(owner, session, LIST).then().statusCode(200).header("Content-Type", "text/event-stream");
    post(other, session, LIST)
        .then()
        .statusCode(404)
        .body("type", equalTo("/problems/mcp-session-not-found"));
    post(owner, UUID.randomUUID().toString(), LIST).then().statusCode(404);
    assertEquals("2025-11-25", initialize(owner, "1999-01-01").path("result.protocolVersion"));

    other.withKey().header("Mcp-Session-Id", session).delete("/api/v1/mcp").then().statusCode(404);
    owner.withKey().header("Mcp-Session-Id", session).delete("/api/v1/mcp").then().statusCode(204);
    post(owner, session, LIST).then().statusCode(404);
  }

  @Test
  void aForeignOriginAnUnknownRevisionAndNoSessionAreRefused() {
    TestUser user = TestUsers.register();
    String session = initialize(user, "2025-11-25").header("Mcp-Session-Id");
    request(user, session)
        .header("Origin", "https://evil.example")
        .body(LIST)
        .post("/api/v1/mcp")
        .then()
        .statusCode(403)
        .body("type", equalTo("/problems/origin-not-allowed"));
    request(user, session)
        .header("MCP-Protocol-Version", "2030-01-01")
        .body(LIST)
        .post("/api/v1/mcp")
        .then()
        .statusCode(400);
    user.withKey()
        .contentType("application/json")
        .header("Accept", "application/json, text/event-stream")
        .body(LIST)
        .post("/api/v1/mcp")
        .then()
        .statusCode(400)
        .body("detail", startsWith("Mcp-Session-Id is missing"));
    request(user, session).body("{not json").post("/api/v1/mcp").then().statusCode(400);
  }

  @Test
  void toolsComeFromTheCallersToolboxAndAnUnknownToolIsAProtocolError() {
    TestUser owner = TestUsers.register();
    UUID agentId = TestAgents.create(owner);
    owner.withKey().put("/api/v1/users/me/toolbox/" + agentId).then().statusCode(201);
    McpSyncClient client = client(owner, notification -> {});
    try {
      List<McpSchema.Tool> tools = client.listTools().tools();
      assertEquals(3, tools.size());
      assertEquals(
          java.util.Set.of("input", "args"),
          ((Map<?, ?>) tools.get(2).inputSchema().get("properties")).keySet());
      McpError error =
          assertThrows(
              McpError.class,
              () -> client.callTool(new McpSchema.CallToolRequest("no_such_tool", Map.of())));
      assertEquals(McpSchema.ErrorCodes.INVALID_PARAMS, error.getJsonRpcError().code());
      McpSchema.CallToolResult bad =
          client.callTool(new McpSchema.CallToolRequest("run_agent", Map.of("agnt", "x")));
      assertTrue(bad.isError());
      assertEquals(
          "The arguments of run_agent are invalid:\n- agnt: is not an argument of this tool\n"
              + "- agent: is required: owner/name, owner/name@version or the agent's id",
          ((McpSchema.TextContent) bad.content().get(0)).text());
    } finally {
      client.closeGracefully();
    }
  }

  @Test
  void aCallAnswersWithTheTaskStatusOnceItsLimitAndTheMarginHavePassed() {
    TestUser user = TestUsers.register();
    UUID agentId = TestAgents.create(user);
    List<McpSchema.ProgressNotification> progress = new CopyOnWriteArrayList<>();
    McpSyncClient client = client(user, progress::add);
    try {
      long started = System.nanoTime();
      McpSchema.CallToolResult result =
          client.callTool(
              McpSchema.CallToolRequest.builder()
                  .name("run_agent")
                  .arguments(Map.of("agent", agentId.toString(), "timeoutMs", 1000))
                  .progressToken("p")
                  .build());
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      String text = ((McpSchema.TextContent) result.content().get(0)).text();
      assertTrue(result.isError());
      assertTrue(text.matches("Task [0-9a-f-]{36} is still QUEUED after 3 s.*"), text);
      assertTrue(
          took.compareTo(Duration.ofSeconds(3)) >= 0 && took.compareTo(Duration.ofSeconds(10)) < 0,
          took.toString());
      assertEquals(1, progress.size(), progress.toString());
      assertTrue(progress.get(0).message().endsWith(" is QUEUED"), progress.toString());
      String taskId = text.split(" ")[1];
      user.withKey()
          .get("/api/v1/tasks/" + taskId)
          .then()
          .statusCode(200)
          .body("status", equalTo("QUEUED"));
    } finally {
      client.closeGracefully();
    }
  }

  private McpSyncClient client(
      TestUser user, java.util.function.Consumer<McpSchema.ProgressNotification> progress) {
    McpSyncClient client =
        McpClient.sync(
                HttpClientStreamableHttpTransport.builder(base.toString())
                    .endpoint("/api/v1/mcp")
                    .requestBuilder(
                        HttpRequest.newBuilder().header("Authorization", "Bearer " + user.apiKey()))
                    .build())
            .requestTimeout(Duration.ofSeconds(30))
            .progressConsumer(progress)
            .build();
    client.initialize();
    return client;
  }

  private static Response initialize(TestUser user, String version) {
    return user.withKey()
        .contentType("application/json")
        .header("Accept", "application/json, text/event-stream")
        .body(INITIALIZE.formatted(version))
        .post("/api/v1/mcp")
        .then()
        .statusCode(200)
        .extract()
        .response();
  }

  private static io.restassured.specification.RequestSpecification request(
      TestUser user, String session) {
    return user.withKey()
        .contentType("application/json")
        .header("Accept", "application/json, text/event-stream")
        .header("Mcp-Session-Id", session);
  }

  private static Response post(TestUser user, String session, String body) {
    return request(user, session).body(body).post("/api/v1/mcp");
  }
}
