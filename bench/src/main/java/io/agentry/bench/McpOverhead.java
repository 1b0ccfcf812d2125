package io.agentry.bench;

import io.agentry.bench.web.OwnPlatform;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * {@code ./agentry bench mcp}: what a tool call costs over the plain API for the same agent. One
 * client runs the tiny agent (stdin {@code hello}) alternately through {@code POST /tasks?wait=30}
 * and through the MCP server's {@code run_agent} with the official MCP Java SDK client over
 * Streamable HTTP, one call at a time, and compares the latencies from request to result. Needs no
 * {@code ./agentry up}: without {@code --url} it starts a platform of its own.
 */
final class McpOverhead {

  private final Options options;
  private final Report report;

  McpOverhead(Options options, Report report) {
    this.options = options;
    this.report = report;
  }

  /**
   * Measures the platform at {@code --url}, or else one of its own on free ports (an executor
   * included), stopped and deleted after the run.
   */
  void run() throws IOException, InterruptedException {
    String url = options.text("url", null);
    if (url != null) {
      measure(URI.create(url));
      return;
    }
    Path home =
        Files.createTempDirectory(
            Files.createDirectories(Path.of(".agentry", "tmp")), "mcp-bench-");
    try (OwnPlatform platform = new OwnPlatform(home, true)) {
      measure(URI.create(platform.gatewayUrl() + "/api/v1"));
    } finally {
      deleteTree(home);
    }
  }

  private void measure(URI api) throws IOException, InterruptedException {
    int calls = options.integer("calls", 1000);
    int warmup = options.integer("warmup", 200);
    String apiKey;
    String agentId;
    try (PublicApi setup = new PublicApi(api, 4)) {
      apiKey = setup.newUser();
      byte[] tiny = BenchAgents.unique(BenchAgents.tiny(Path.of("").toAbsolutePath()));
      agentId = setup.upload(apiKey, "bench-mcp", tiny).getString("id");
    }
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpRequest plain =
        HttpRequest.newBuilder(URI.create(api + "/tasks?wait=30"))
            .header("Authorization", "Bearer " + apiKey)
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    new JsonObject().put("agentId", agentId).put("input", "hello").encode()))
            .build();
    String origin = api.getScheme() + "://" + api.getAuthority();
    McpSyncClient mcp =
        McpClient.sync(
                HttpClientStreamableHttpTransport.builder(origin)
                    .endpoint(api.getPath() + "/mcp")
                    .requestBuilder(
                        HttpRequest.newBuilder().header("Authorization", "Bearer " + apiKey))
                    .build())
            .requestTimeout(Duration.ofSeconds(60))
            .build();
    mcp.initialize();
    McpSchema.CallToolRequest toolCall =
        new McpSchema.CallToolRequest("run_agent", Map.of("agent", agentId, "input", "hello"));
    Latencies viaApi = new Latencies();
    Latencies viaMcp = new Latencies();
    try {
      for (int i = 0; i < warmup + calls; i++) {
        boolean counted = i >= warmup;
        long started = System.nanoTime();
        HttpResponse<String> answer = http.send(plain, HttpResponse.BodyHandlers.ofString());
        long api200 = System.nanoTime() - started;
        if (answer.statusCode() != 200 || !answer.body().contains("\"SUCCEEDED\"")) {
          throw new IllegalStateException("POST /tasks?wait=30 answered " + answer.body());
        }
        started = System.nanoTime();
        McpSchema.CallToolResult result = mcp.callTool(toolCall);
        long tool = System.nanoTime() - started;
        if (Boolean.TRUE.equals(result.isError())) {
          throw new IllegalStateException("run_agent answered an error: " + result.content());
        }
        if (counted) {
          viaApi.add(api200);
          viaMcp.add(tool);
        }
      }
    } finally {
      mcp.closeGracefully();
    }
    report.heading("MCP tool call against POST /tasks?wait=30");
    report.line(
        calls
            + " calls each, alternating, one at a time, after "
            + warmup
            + " of each to warm up; the tiny agent with stdin 'hello'.");
    report.table(
        List.of("path", "p50", "p95", "p99", "max"),
        List.of(
            row("POST /tasks?wait=30", viaApi),
            row("MCP tools/call run_agent", viaMcp),
            List.of(
                "overhead",
                Report.ms(viaMcp.percentileMs(0.50) - viaApi.percentileMs(0.50)),
                Report.ms(viaMcp.percentileMs(0.95) - viaApi.percentileMs(0.95)),
                Report.ms(viaMcp.percentileMs(0.99) - viaApi.percentileMs(0.99)),
                "")));
  }

  private static void deleteTree(Path root) throws IOException {
    try (var paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }

  private static List<String> row(String name, Latencies latencies) {
    return List.of(
        name,
        Report.ms(latencies.percentileMs(0.50)),
        Report.ms(latencies.percentileMs(0.95)),
        Report.ms(latencies.percentileMs(0.99)),
        Report.ms(latencies.maxMs()));
  }
}
