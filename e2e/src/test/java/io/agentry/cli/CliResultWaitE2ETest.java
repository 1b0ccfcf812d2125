package io.agentry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentry.e2e.Platform;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code run --wait} and {@code tasks watch} end with the stored result although the task's live
 * terminal event arrives before the result is stored. The result write is held back for real: a
 * transaction of this test holds a lock on the results service's {@code task_results} table, so the
 * service's insert waits, while the task has ended and its SUCCEEDED event went out live; the lock
 * is released only once the client has seen that event, and then some.
 *
 * <p>Setup goes through plain HTTP, so that this test runs unchanged against any version of the
 * client's entry point {@code Main.run(argv, env, out, err)}.
 */
class CliResultWaitE2ETest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static final String INPUT = "one two three\nfour\n";

  private final Platform platform = Platform.get();
  private final String apiUrl = platform.apiUrl();

  @Test
  void runWaitPrintsTheResultStoredAfterTheTerminalEvent() throws Exception {
    String key = registerUser();
    String agentId = upload(key);
    assertEndsWithTheStoredResult(key, List.of("run", agentId, "--input", INPUT, "--wait"));
  }

  @Test
  void runWaitPrintsTheResultWhenEvenTheTaskIsStoredAfterItsEvents() throws Exception {
    String key = registerUser();
    String agentId = upload(key);
    try (Connection lock = hold("tasks")) {
      assertEndsWithTheStoredResult(key, List.of("run", agentId, "--input", INPUT, "--wait"), lock);
    }
  }

  @Test
  void tasksWatchPrintsTheResultStoredAfterTheTerminalEvent() throws Exception {
    String key = registerUser();
    String agentId = upload(key);
    try (Connection lock = holdResults()) {
      String taskId = submit(key, agentId);
      assertEndsWithTheStoredResult(key, List.of("tasks", "watch", taskId), lock);
    }
  }

  private void assertEndsWithTheStoredResult(String key, List<String> argv) throws Exception {
    try (Connection lock = holdResults()) {
      assertEndsWithTheStoredResult(key, argv, lock);
    }
  }

  private void assertEndsWithTheStoredResult(String key, List<String> argv, Connection lock)
      throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    CompletableFuture<Integer> exit =
        CompletableFuture.supplyAsync(
            () ->
                Main.run(
                    argv,
                    Map.of("AGENTRY_URL", apiUrl, "AGENTRY_API_KEY", key),
                    new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8)));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!err.toString(StandardCharsets.UTF_8).contains("SUCCEEDED")) {
      assertTrue(System.nanoTime() < deadline, "no SUCCEEDED event within 60 s: " + err);
      Thread.sleep(20);
    }
    // The event is out and the result is still held back: a client that asks once fails now.
    Thread.sleep(1500);
    String seenWhileHeld = err.toString(StandardCharsets.UTF_8);
    lock.rollback();

    int code = exit.get(90, TimeUnit.SECONDS);
    String output = out.toString(StandardCharsets.UTF_8);
    String errors = err.toString(StandardCharsets.UTF_8);
    assertEquals(
        0, code, "exit code; stderr:\n" + errors + "\nstderr while held:\n" + seenWhileHeld);
    assertEquals("2 4 19\n", output, errors);
    assertTrue(errors.contains("== SUCCEEDED, exit code 0"), errors);
  }

  /** A transaction that keeps the results service from storing any result until it ends. */
  private Connection holdResults() throws Exception {
    return hold("task_results");
  }

  /**
   * A transaction that keeps the results service from writing {@code table} (and so from committing
   * the events that write it) until it ends; reads go on.
   */
  private Connection hold(String table) throws Exception {
    Connection connection = platform.database("results");
    connection.setAutoCommit(false);
    try (Statement statement = connection.createStatement()) {
      statement.execute("LOCK TABLE " + table + " IN EXCLUSIVE MODE");
    }
    return connection;
  }

  private String registerUser() throws Exception {
    String body =
        JSON.writeValueAsString(
            Map.of(
                "username",
                "held-" + UUID.randomUUID().toString().substring(0, 12),
                "password",
                "correct-horse-battery"));
    JsonNode user =
        send(
            HttpRequest.newBuilder(URI.create(apiUrl + "/users/register"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)),
            201);
    return user.path("apiKey").asText();
  }

  private String upload(String key) throws Exception {
    String boundary = "held-" + UUID.randomUUID();
    String metadata =
        "{\"name\":\"held-"
            + UUID.randomUUID().toString().substring(0, 8)
            + "\",\"version\":\"1.0.0\",\"description\":\"word count\"}";
    byte[] module = Files.readAllBytes(Path.of("../samples/wordcount/wordcount.wasm"));
    ByteArrayOutputStream body = new ByteArrayOutputStream();
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
            .getBytes(StandardCharsets.UTF_8));
    body.writeBytes(module);
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    JsonNode agent =
        send(
            HttpRequest.newBuilder(URI.create(apiUrl + "/agents"))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())),
            201);
    return agent.path("id").asText();
  }

  private String submit(String key, String agentId) throws Exception {
    String body = JSON.writeValueAsString(Map.of("agentId", agentId, "input", INPUT));
    return send(
            HttpRequest.newBuilder(URI.create(apiUrl + "/tasks"))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)),
            202)
        .path("taskId")
        .asText();
  }

  private static JsonNode send(HttpRequest.Builder request, int expected) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(expected, response.statusCode(), response.body());
    return JSON.readTree(response.body());
  }
}
