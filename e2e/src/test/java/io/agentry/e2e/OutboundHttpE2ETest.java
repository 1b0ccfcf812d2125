package io.agentry.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Agents that call out and keep secrets, through the whole platform: the gateway, the registry's
 * permissions and secrets, the executor's outbound client and the results' usage.
 */
class OutboundHttpE2ETest {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final Platform platform = Platform.get();
  private final AtomicInteger requests = new AtomicInteger();
  private HttpServer server;
  private String origin;

  @BeforeEach
  void startAServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          requests.incrementAndGet();
          byte[] body = "hello from the server\n".getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "text/plain");
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
    origin = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterEach
  void stopTheServer() {
    server.stop(0);
  }

  @Test
  void anAgentCallsThePermittedOriginAndNoOtherAndItsRunCountsTheRequest() {
    PublicApi author = PublicApi.newUser(platform.apiUrl());
    byte[] fetch = Agents.httpFetch();
    String permitted =
        author
            .upload(
                "fetch-" + UUID.randomUUID(),
                "1.0.0",
                fetch,
                "\"permissions\":{\"http\":[\"" + origin + "\"]}")
            .path("id")
            .asText();
    String unpermitted =
        author.upload("fetch-" + UUID.randomUUID(), "1.0.0", fetch).path("id").asText();
    PublicApi user = PublicApi.newUser(platform.apiUrl());

    JsonNode ran =
        user.awaitTerminal(
            user.accepted(Map.of("agentId", permitted, "input", origin + "/hello")), TIMEOUT);
    JsonNode refused =
        user.awaitTerminal(
            user.accepted(Map.of("agentId", unpermitted, "input", origin + "/hello")), TIMEOUT);

    assertEquals("SUCCEEDED", ran.path("status").asText(), ran.toString());
    JsonNode result = user.getJson("/tasks/" + ran.path("taskId").asText() + "/results");
    String stdout = result.path("stdout").asText();
    assertTrue(stdout.contains("status 200"), stdout);
    assertTrue(stdout.contains("first line hello from the server"), stdout);
    assertEquals(1, result.path("usage").path("httpRequests").asInt(), result.toString());
    assertTrue(result.path("usage").path("httpBytes").asLong() > 0, result.toString());

    assertEquals("FAILED", refused.path("status").asText(), refused.toString());
    JsonNode refusedResult = user.getJson("/tasks/" + refused.path("taskId").asText() + "/results");
    assertEquals(1, refusedResult.path("exitCode").asInt(), refusedResult.toString());
    assertTrue(
        refusedResult.path("stderr").asText().contains("origin not permitted"),
        refusedResult.toString());
    assertEquals(1, requests.get(), "the server saw only the permitted agent's request");
  }

  /** Hostile: a caller tries to set an agent's secret through the task's env. */
  @Test
  void theOwnersSecretsReachTheRunAndNoCallerCanSetOrReadThem() {
    PublicApi owner = PublicApi.newUser(platform.apiUrl());
    String agent =
        owner
            .upload("environ-" + UUID.randomUUID(), "1.0.0", Agents.printEnviron())
            .path("id")
            .asText();
    String value = "sk-" + UUID.randomUUID();
    HttpResponse<String> set =
        PublicApi.send(
            owner
                .request("/agents/" + agent + "/secrets/API_KEY")
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"value\":\"" + value + "\"}")));
    assertEquals(200, set.statusCode(), set.body());
    assertFalse(set.body().contains(value));
    PublicApi caller = PublicApi.newUser(platform.apiUrl());

    JsonNode ran =
        caller.awaitTerminal(
            caller.accepted(Map.of("agentId", agent, "env", Map.of("MODE", "fast"))), TIMEOUT);
    HttpResponse<String> guess =
        caller.submit(
            Map.of("agentId", agent, "env", Map.of("API_KEY", "the caller's guess")), "", Map.of());

    assertEquals("SUCCEEDED", ran.path("status").asText(), ran.toString());
    String environment =
        caller
            .getJson("/tasks/" + ran.path("taskId").asText() + "/results")
            .path("stdout")
            .asText();
    assertEquals("MODE=fast\0API_KEY=" + value + "\0", environment);
    assertEquals(400, guess.statusCode(), guess.body());
    JsonNode problem = PublicApi.read(guess.body());
    assertEquals("/problems/invalid-task", problem.path("type").asText());
    assertEquals("env.API_KEY", problem.path("errors").path(0).path("field").asText());
    assertEquals(403, caller.get("/agents/" + agent + "/secrets").statusCode());
    assertFalse(owner.get("/agents/" + agent + "/secrets").body().contains(value));
  }
}
