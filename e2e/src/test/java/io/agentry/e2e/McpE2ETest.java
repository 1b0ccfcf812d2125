package io.agentry.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

/**
 * The gateway's MCP server with the official MCP Java SDK client over Streamable HTTP, against the
 * whole platform: tools are listed, the marketplace searched, agents run with and without an input
 * schema as tasks of the user (visible in GET /tasks), progress follows the task's events, a
 * cancelled call cancels its task, and a client without credentials is refused.
 */
class McpE2ETest {

  private static final String JSON_ARGUMENTS =
      "{\"type\":\"object\",\"properties\":{\"doc\":{\"type\":\"object\"},"
          + "\"note\":{\"type\":\"string\",\"maxLength\":10}},\"required\":[\"doc\"],"
          + "\"additionalProperties\":false}";

  private final Platform platform = Platform.get();

  @Test
  void aClientWithoutCredentialsIsRefusedWithAChallenge() {
    HttpResponse<String> response =
        PublicApi.send(
            HttpRequest.newBuilder(URI.create(platform.apiUrl() + "/mcp"))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
                            + "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},"
                            + "\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}")));
    assertEquals(401, response.statusCode(), response.body());
    assertTrue(
        response.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"),
        response.headers().toString());
    assertEquals("/problems/unauthorized", PublicApi.read(response.body()).path("type").asText());
  }

  @Test
  void aClientListsSearchesAndRunsAgentsAsTasksOfItsUser() {
    PublicApi user = PublicApi.newUser(platform.apiUrl());
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    JsonNode wordcount = user.upload("wordcount-" + suffix, "1.0.0", Agents.sample("wordcount"));
    JsonNode pretty = uploadWithSchema(user, "json-pretty-" + suffix, Agents.sample("json-pretty"));
    addToToolbox(user, wordcount);
    addToToolbox(user, pretty);
    List<McpSchema.ProgressNotification> progress = new CopyOnWriteArrayList<>();
    McpSyncClient client =
        McpClients.client(
            McpClients.transport(platform.gatewayUrl(), user.apiKey(), false),
            progress::add,
            tools -> {});
    try {
      List<String> names = client.listTools().tools().stream().map(McpSchema.Tool::name).toList();
      assertEquals(
          List.of("search_agents", "run_agent", "wordcount-" + suffix, "json-pretty-" + suffix),
          names);

      McpSchema.CallToolResult found =
          client.callTool(
              new McpSchema.CallToolRequest(
                  "search_agents", Map.of("query", "json-pretty-" + suffix, "limit", 5)));
      assertFalse(found.isError(), text(found));
      JsonNode agents = PublicApi.JSON.valueToTree(found.structuredContent()).path("agents");
      assertEquals(
          user.username() + "/json-pretty-" + suffix, agents.get(0).path("reference").asText());
      assertEquals("1.0.0", agents.get(0).path("version").asText());
      assertTrue(text(found).contains(user.username() + "/json-pretty-" + suffix + "@1.0.0"));

      McpSchema.CallToolResult ran =
          client.callTool(
              McpSchema.CallToolRequest.builder()
                  .name("run_agent")
                  .arguments(
                      Map.of(
                          "agent",
                          user.username() + "/wordcount-" + suffix,
                          "input",
                          "one two three\nfour\n",
                          "args",
                          List.of("--json")))
                  .progressToken("run-1")
                  .build());
      assertFalse(ran.isError(), text(ran));
      assertEquals("{\"lines\":2,\"words\":4,\"bytes\":19}", text(ran).strip());
      assertTrue(
          progress.stream().anyMatch(p -> p.message().contains("RUNNING")),
          "progress: " + progress);
      assertEquals("run-1", progress.get(0).progressToken());

      McpSchema.CallToolResult plain =
          client.callTool(
              new McpSchema.CallToolRequest(
                  "wordcount-" + suffix, Map.of("input", "a b", "args", List.of("--json"))));
      assertEquals("{\"lines\":0,\"words\":2,\"bytes\":3}", text(plain).strip(), text(plain));

      McpSchema.CallToolResult structured =
          client.callTool(
              new McpSchema.CallToolRequest(
                  "json-pretty-" + suffix, Map.of("doc", Map.of("a", List.of(1, 2)))));
      assertFalse(structured.isError(), text(structured));
      assertEquals(
          Map.of("doc", Map.of("a", List.of(1, 2))),
          structured.structuredContent(),
          text(structured));

      McpSchema.CallToolResult violating =
          client.callTool(
              new McpSchema.CallToolRequest(
                  "json-pretty-" + suffix, Map.of("note", "far longer than ten")));
      assertTrue(violating.isError());
      assertTrue(text(violating).contains("doc"), text(violating));
      assertTrue(text(violating).contains("note"), text(violating));

      McpSchema.CallToolResult failed =
          client.callTool(
              new McpSchema.CallToolRequest(
                  "run_agent",
                  Map.of(
                      "agent", user.username() + "/wordcount-" + suffix, "args", List.of("-x"))));
      assertTrue(failed.isError());
      assertTrue(text(failed).contains("FAILED with exit code 2"), text(failed));

      McpSchema.CallToolResult refused =
          client.callTool(
              new McpSchema.CallToolRequest(
                  "run_agent", Map.of("agent", wordcount.path("id").asText(), "timeoutMs", 0)));
      assertTrue(refused.isError());
      assertTrue(text(refused).startsWith("invalid-task:"), text(refused));
      assertTrue(text(refused).contains("timeoutMs: must be an integer from 1 to 300000"));

      Set<String> ranTasks = Set.of(taskId(ran), taskId(plain), taskId(structured), taskId(failed));
      List<String> listed = new ArrayList<>();
      user.getJson("/tasks?limit=20")
          .path("items")
          .forEach(t -> listed.add(t.path("taskId").asText()));
      assertTrue(listed.containsAll(ranTasks), "GET /tasks " + listed + " lacks " + ranTasks);
      assertEquals(4, listed.size(), "the refused and violating calls queued no task: " + listed);
      JsonNode result = user.getJson("/tasks/" + taskId(ran) + "/results");
      assertEquals("SUCCEEDED", result.path("status").asText(), result.toString());
      assertTrue(result.path("usage").path("wallMs").isIntegralNumber(), result.toString());
      assertTrue(result.path("usage").path("stdoutBytes").asLong() > 0, result.toString());
    } finally {
      client.closeGracefully();
    }
  }

  @Test
  void aToolboxChangeIsAnnouncedToTheSession() throws Exception {
    PublicApi user = PublicApi.newUser(platform.apiUrl());
    JsonNode agent =
        user.upload(
            "rot13-" + UUID.randomUUID().toString().substring(0, 8),
            "1.0.0",
            Agents.sample("rot13"));
    LinkedBlockingQueue<List<String>> changes = new LinkedBlockingQueue<>();
    McpSyncClient client =
        McpClients.client(
            McpClients.transport(platform.gatewayUrl(), user.apiKey(), true),
            progress -> {},
            tools -> changes.add(tools.stream().map(McpSchema.Tool::name).toList()));
    try {
      assertEquals(2, client.listTools().tools().size());
      PublicApi.pause(500);
      addToToolbox(user, agent);
      List<String> tools = changes.poll(20, TimeUnit.SECONDS);
      assertEquals(List.of("search_agents", "run_agent", agent.path("name").asText()), tools);
    } finally {
      client.closeGracefully();
    }
  }

  @Test
  void aCancelledCallCancelsItsTask() throws Exception {
    PublicApi user = PublicApi.newUser(platform.apiUrl());
    JsonNode forever =
        user.upload(
            "forever-" + UUID.randomUUID().toString().substring(0, 8), "1.0.0", Agents.forever());
    LinkedBlockingQueue<McpSchema.ProgressNotification> progress = new LinkedBlockingQueue<>();
    McpClients.Recording transport =
        McpClients.transport(platform.gatewayUrl(), user.apiKey(), false);
    McpAsyncClient client = McpClients.asyncClient(transport, progress::add);
    Disposable call =
        client
            .callTool(
                McpSchema.CallToolRequest.builder()
                    .name("run_agent")
                    .arguments(Map.of("agent", forever.path("id").asText(), "timeoutMs", 120000))
                    .progressToken(7)
                    .build())
            .subscribe();
    try {
      String taskId = null;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (taskId == null && System.nanoTime() < deadline) {
        McpSchema.ProgressNotification next = progress.poll(1, TimeUnit.SECONDS);
        if (next != null && next.message().contains("RUNNING")) {
          taskId = next.message().split(" ")[1];
        }
      }
      assertTrue(taskId != null, "no RUNNING progress within 30 s");
      transport.cancelLastToolCall();
      JsonNode task = user.awaitTerminal(taskId, Duration.ofSeconds(20));
      assertEquals("CANCELLED", task.path("status").asText(), task.toString());
    } finally {
      call.dispose();
      client.closeGracefully().block(Duration.ofSeconds(10));
    }
  }

  private static JsonNode uploadWithSchema(PublicApi user, String name, byte[] module) {
    String boundary = "e2e-" + UUID.randomUUID();
    String metadata =
        "{\"name\":\""
            + name
            + "\",\"version\":\"1.0.0\",\"description\":\"Indents a JSON document\","
            + "\"inputSchema\":"
            + JSON_ARGUMENTS
            + "}";
    java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
    body.writeBytes(
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"metadata\"\r\n"
                + "Content-Type: application/json\r\n\r\n"
                + metadata
                + "\r\n--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"binary\"; filename=\"a.wasm\"\r\n"
                + "Content-Type: application/wasm\r\n\r\n")
            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    body.writeBytes(module);
    body.writeBytes(
        ("\r\n--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    HttpResponse<String> response =
        PublicApi.send(
            user.request("/agents")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    assertEquals(201, response.statusCode(), response.body());
    return PublicApi.read(response.body());
  }

  private static void addToToolbox(PublicApi user, JsonNode agent) {
    HttpResponse<String> response =
        PublicApi.send(
            user.request("/users/me/toolbox/" + agent.path("id").asText())
                .PUT(HttpRequest.BodyPublishers.noBody()));
    assertEquals(201, response.statusCode(), response.body());
  }

  private static String text(McpSchema.CallToolResult result) {
    return ((McpSchema.TextContent) result.content().get(0)).text();
  }

  @SuppressWarnings("unchecked")
  private static String taskId(McpSchema.CallToolResult result) {
    return ((Map<String, Object>) result.meta().get("io.agentry/task")).get("taskId").toString();
  }
}
