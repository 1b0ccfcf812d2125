package io.agentry.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** The gateway's public API as one user, with the few calls the end-to-end tests make. */
final class PublicApi {

  static final ObjectMapper JSON = new ObjectMapper();
  static final Set<String> TERMINAL =
      Set.of("SUCCEEDED", "FAILED", "TIMED_OUT", "CANCELLED", "REJECTED");
  static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  /** The password of every user the tests register. */
  static final String PASSWORD = "correct-horse-battery";

  private final String baseUrl;
  private final String apiKey;
  private final String userId;
  private final String username;

  private PublicApi(String baseUrl, String apiKey, String userId, String username) {
    this.baseUrl = baseUrl;
    this.apiKey = apiKey;
    this.userId = userId;
    this.username = username;
  }

  /** Registers a new user through the gateway. */
  static PublicApi newUser(String baseUrl) {
    String username = "user-" + UUID.randomUUID().toString().substring(0, 12);
    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(URI.create(baseUrl + "/users/register"))
                .header("Content-Type", "application/json")
                .POST(body(Map.of("username", username, "password", PASSWORD))));
    assertEquals(201, response.statusCode(), response.body());
    JsonNode user = read(response.body());
    return new PublicApi(baseUrl, user.path("apiKey").asText(), user.path("id").asText(), username);
  }

  String apiKey() {
    return apiKey;
  }

  String userId() {
    return userId;
  }

  String baseUrl() {
    return baseUrl;
  }

  String username() {
    return username;
  }

  /** Uploads a module as a new agent and returns it. */
  JsonNode upload(String name, String version, byte[] module) {
    HttpResponse<String> response = tryUpload(name, version, module);
    assertEquals(201, response.statusCode(), response.body());
    return read(response.body());
  }

  /** {@code POST /agents} with a module; the response as it came. */
  HttpResponse<String> tryUpload(String name, String version, byte[] module) {
    Multipart upload = uploadBody(name, version, module);
    return send(
        request("/agents")
            .header("Content-Type", upload.contentType())
            .POST(HttpRequest.BodyPublishers.ofByteArray(upload.body())));
  }

  /** A multipart body and its Content-Type (with the boundary). */
  record Multipart(String contentType, byte[] body) {}

  /** The body of {@code POST /agents} for a module, with capability {@code test}. */
  static Multipart uploadBody(String name, String version, byte[] module) {
    String boundary = "e2e-" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    String metadata =
        "{\"name\":\""
            + name
            + "\",\"version\":\""
            + version
            + "\",\"description\":\""
            + name
            + " for the end-to-end tests\",\"capabilities\":[\"test\"]}";
    body.writeBytes(
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"metadata\"\r\n"
                + "Content-Type: application/json\r\n\r\n"
                + metadata
                + "\r\n--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"binary\"; filename=\"agent.wasm\"\r\n"
                + "Content-Type: application/wasm\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
    body.writeBytes(module);
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return new Multipart("multipart/form-data; boundary=" + boundary, body.toByteArray());
  }

  /** POST /tasks with a JSON body; the response as it came. */
  HttpResponse<String> submit(Object task, String query, Map<String, String> headers) {
    HttpRequest.Builder request =
        request("/tasks" + query).header("Content-Type", "application/json").POST(body(task));
    headers.forEach(request::header);
    return send(request);
  }

  /** Submits a task that must be accepted, and returns its id. */
  String accepted(Object task) {
    HttpResponse<String> response = submit(task, "", Map.of());
    assertEquals(202, response.statusCode(), response.body());
    return read(response.body()).path("taskId").asText();
  }

  HttpResponse<String> get(String path) {
    return send(request(path).GET());
  }

  HttpResponse<String> delete(String path) {
    return send(request(path).DELETE());
  }

  JsonNode getJson(String path) {
    HttpResponse<String> response = get(path);
    assertEquals(200, response.statusCode(), path + ": " + response.body());
    return read(response.body());
  }

  /** Polls the task until it reaches a terminal status, and returns it. */
  JsonNode awaitTerminal(String taskId, Duration timeout) {
    return awaitStatus(taskId, TERMINAL, timeout);
  }

  /**
   * Runs the agent once to an end and waits until the registry has counted the run, as it must
   * before this user may rate the agent.
   */
  void ran(String agentId, Duration timeout) {
    long before = getJson("/agents/" + agentId).path("tasksCompleted").asLong();
    awaitTerminal(accepted(Map.of("agentId", agentId)), timeout);
    long deadline = System.nanoTime() + timeout.toNanos();
    while (getJson("/agents/" + agentId).path("tasksCompleted").asLong() <= before) {
      if (System.nanoTime() > deadline) {
        fail("the registry did not count the run of " + agentId + " within " + timeout);
      }
      pause(50);
    }
  }

  /**
   * Polls the task until its status is one of {@code statuses}, and returns it. A task accepted a
   * moment ago may not be recorded yet: until it is, it answers 404.
   */
  JsonNode awaitStatus(String taskId, Set<String> statuses, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    JsonNode last = null;
    while (System.nanoTime() < deadline) {
      HttpResponse<String> response = get("/tasks/" + taskId);
      if (response.statusCode() == 200) {
        last = read(response.body());
        if (statuses.contains(last.path("status").asText())) {
          return last;
        }
      }
      pause(50);
    }
    return fail(
        "task "
            + taskId
            + " did not reach "
            + statuses
            + " within "
            + timeout
            + "; last seen "
            + last);
  }

  /** A request to the API with this user's key. */
  HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(baseUrl + path))
        .timeout(Duration.ofSeconds(90))
        .header("Authorization", "Bearer " + apiKey);
  }

  static HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException("request failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new IllegalStateException("not JSON: " + json, e);
    }
  }

  static HttpRequest.BodyPublisher body(Object value) {
    try {
      return HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(value));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
