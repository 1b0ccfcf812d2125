package io.agentry.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import io.agentry.client.model.AcceptedTask;
import io.agentry.client.model.Agent;
import io.agentry.client.model.AgentChanges;
import io.agentry.client.model.AgentMetadata;
import io.agentry.client.model.ApiKey;
import io.agentry.client.model.Earnings;
import io.agentry.client.model.LoginToken;
import io.agentry.client.model.Page;
import io.agentry.client.model.Problem;
import io.agentry.client.model.Rating;
import io.agentry.client.model.Registration;
import io.agentry.client.model.SpendingLimits;
import io.agentry.client.model.Task;
import io.agentry.client.model.TaskRequest;
import io.agentry.client.model.TaskResult;
import io.agentry.client.model.ToolboxEntry;
import io.agentry.client.model.Usage;
import io.agentry.client.model.User;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.LongConsumer;

/**
 * The platform's public API ({@code .../api/v1}) as one caller: one typed method per endpoint of
 * docs/contract.md. A non-2xx answer throws an {@link ApiException} carrying the problem; no answer
 * throws an {@link UnreachableException}. Thread-safe; {@link #as} shares the connection pool.
 */
public final class AgentryClient {

  /** How long one request may take; an upload of 50 MiB over a slow link fits. */
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(75);

  private final HttpClient http;
  private final String baseUrl;
  private final String credential;

  private AgentryClient(HttpClient http, String baseUrl, String credential) {
    this.http = http;
    this.baseUrl = baseUrl;
    this.credential = credential;
  }

  /** A client of the API at {@code baseUrl} (e.g. {@code http://127.0.0.1:8080/api/v1}). */
  public static AgentryClient of(String baseUrl) {
    HttpClient http =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    return new AgentryClient(http, base, null);
  }

  /** The same API as the caller of {@code apiKeyOrToken}. */
  public AgentryClient as(String apiKeyOrToken) {
    return new AgentryClient(http, baseUrl, apiKeyOrToken);
  }

  public String baseUrl() {
    return baseUrl;
  }

  /** The API key or token requests carry, or null. */
  public String credential() {
    return credential;
  }

  // Users and credentials

  public Registration register(String username, String password) {
    return post(
        "/users/register",
        Map.of("username", username, "password", password),
        type(Registration.class));
  }

  public LoginToken login(String username, String password) {
    return post(
        "/users/login", Map.of("username", username, "password", password), type(LoginToken.class));
  }

  public User me() {
    return get("/users/me", type(User.class));
  }

  /** A new API key of the caller; its secret is in {@link ApiKey#apiKey()}, only this once. */
  public ApiKey createApiKey() {
    return read(
        send(request("/users/me/api-keys").POST(HttpRequest.BodyPublishers.noBody())),
        type(ApiKey.class));
  }

  /** A new API key of the caller that stops working at {@code expiresAt}. */
  public ApiKey createApiKey(Instant expiresAt) {
    return post("/users/me/api-keys", Map.of("expiresAt", expiresAt), type(ApiKey.class));
  }

  /** Ends every login token issued to the caller so far; API keys keep working. */
  public void revokeSessions() {
    send(request("/users/me/sessions/revoke").POST(HttpRequest.BodyPublishers.noBody()));
  }

  public List<ApiKey> apiKeys() {
    Page<ApiKey> keys = get("/users/me/api-keys", page(ApiKey.class));
    return keys.items();
  }

  public void revokeApiKey(UUID id) {
    send(request("/users/me/api-keys/" + id).DELETE());
  }

  // Toolbox (the agents the caller's MCP sessions see as tools)

  /** The caller's toolbox, oldest entry first. */
  public List<ToolboxEntry> toolbox() {
    Page<ToolboxEntry> entries = get("/users/me/toolbox", page(ToolboxEntry.class));
    return entries.items();
  }

  /** Adds an agent version to the caller's toolbox (nothing changes when it is there already). */
  public ToolboxEntry addToToolbox(UUID agentId) {
    return read(
        send(request("/users/me/toolbox/" + agentId).PUT(HttpRequest.BodyPublishers.noBody())),
        type(ToolboxEntry.class));
  }

  public void removeFromToolbox(UUID agentId) {
    send(request("/users/me/toolbox/" + agentId).DELETE());
  }

  // Agents

  /** Uploads a module as a new agent version; {@code sentBytes} hears how much was sent. */
  public Agent push(AgentMetadata metadata, Path binary, LongConsumer sentBytes) {
    MultipartBody body = MultipartBody.of("metadata", write(metadata), "binary", binary, sentBytes);
    return read(
        send(request("/agents").header("Content-Type", body.contentType()).POST(body.publisher())),
        type(Agent.class));
  }

  public Page<Agent> agents(AgentFilter filter) {
    return get("/agents" + filter.query(), page(Agent.class));
  }

  public Page<Agent> search(SearchFilter filter) {
    return get("/agents/search" + filter.query(), page(Agent.class));
  }

  public Agent agent(UUID id) {
    return get("/agents/" + id, type(Agent.class));
  }

  /** The owner's versions of the agent's name, newest semver first. */
  public Page<Agent> versions(UUID id, Integer limit, String cursor) {
    return get(
        "/agents/" + id + "/versions" + new Query().add("limit", limit).add("cursor", cursor),
        page(Agent.class));
  }

  public Agent update(UUID id, AgentChanges changes) {
    return read(
        send(
            request("/agents/" + id)
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(write(changes)))),
        type(Agent.class));
  }

  /** Disables the agent version (its results stay). */
  public void delete(UUID id) {
    send(request("/agents/" + id).DELETE());
  }

  public Rating rate(UUID id, int score) {
    return read(
        send(
            request("/agents/" + id + "/rating")
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(write(Map.of("score", score))))),
        type(Rating.class));
  }

  // Tasks

  /** Queues a task; the same {@code idempotencyKey} (may be null) returns the first task. */
  public AcceptedTask submit(TaskRequest task, String idempotencyKey) {
    HttpRequest.Builder request =
        request("/tasks")
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(write(task)));
    if (idempotencyKey != null) {
      request.header("Idempotency-Key", idempotencyKey);
    }
    return read(send(request), type(AcceptedTask.class));
  }

  public Task task(UUID id) {
    return get("/tasks/" + id, type(Task.class));
  }

  /** The caller's tasks, newest first; null parameters are left out. */
  public Page<Task> tasks(String status, UUID agentId, Integer limit, String cursor) {
    Query query =
        new Query()
            .add("status", status)
            .add("agentId", agentId)
            .add("limit", limit)
            .add("cursor", cursor);
    return get("/tasks" + query, page(Task.class));
  }

  /**
   * The stored result; 404 {@code result-not-ready} before it is stored (see {@link ResultWait}).
   */
  public TaskResult result(UUID id) {
    return get("/tasks/" + id + "/results", type(TaskResult.class));
  }

  /** The exact bytes the task wrote to one of its output streams. */
  public byte[] output(UUID id, OutputStream stream) {
    return sendForBytes(request("/tasks/" + id + "/results/" + stream.path()).GET());
  }

  /** Asks for the task to be cancelled: a queued task never runs, a running one is stopped. */
  public void cancel(UUID id) {
    send(request("/tasks/" + id).DELETE());
  }

  /** What the caller's tasks used and cost; null parameters take the server's defaults. */
  public Usage usage(String from, String to, String groupBy) {
    return get(
        "/usage" + new Query().add("from", from).add("to", to).add("groupBy", groupBy),
        type(Usage.class));
  }

  /** What the caller's agents earned; null parameters take the server's defaults. */
  public Earnings earnings(String from, String to, String groupBy) {
    return get(
        "/earnings" + new Query().add("from", from).add("to", to).add("groupBy", groupBy),
        type(Earnings.class));
  }

  public SpendingLimits limits() {
    return get("/users/me/limits", type(SpendingLimits.class));
  }

  /** Replaces both monthly caps; null is no cap. */
  public SpendingLimits setLimits(SpendingLimits.Caps caps) {
    return read(
        send(
            request("/users/me/limits")
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(write(caps)))),
        type(SpendingLimits.class));
  }

  /** The WebSocket URI of a path of the API. */
  URI webSocket(String path) {
    return URI.create(baseUrl.replaceFirst("^http", "ws") + path);
  }

  HttpClient http() {
    return http;
  }

  /** A task's two output streams. */
  public enum OutputStream {
    STDOUT("stdout"),
    STDERR("stderr");

    private final String path;

    OutputStream(String path) {
      this.path = path;
    }

    String path() {
      return path;
    }
  }

  // Plumbing

  private <T> T get(String path, JavaType type) {
    return read(send(request(path).GET()), type);
  }

  private <T> T post(String path, Object body, JavaType type) {
    return read(
        send(
            request(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(write(body)))),
        type);
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(REQUEST_TIMEOUT);
    if (credential != null) {
      builder.header("Authorization", "Bearer " + credential);
    }
    return builder;
  }

  private String send(HttpRequest.Builder request) {
    HttpResponse<byte[]> response = exchange(request);
    return new String(response.body(), StandardCharsets.UTF_8);
  }

  private byte[] sendForBytes(HttpRequest.Builder request) {
    return exchange(request).body();
  }

  private HttpResponse<byte[]> exchange(HttpRequest.Builder request) {
    HttpResponse<byte[]> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (ConnectException e) {
      throw new UnreachableException("cannot connect to " + baseUrl, e);
    } catch (HttpTimeoutException e) {
      throw new UnreachableException("no answer from " + baseUrl + " in time", e);
    } catch (IOException e) {
      throw new UnreachableException("the request to " + baseUrl + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UnreachableException("interrupted while waiting for " + baseUrl, e);
    }
    if (response.statusCode() / 100 != 2) {
      throw failure(response);
    }
    return response;
  }

  private static ApiException failure(HttpResponse<byte[]> response) {
    Problem problem;
    try {
      problem = Json.MAPPER.readValue(response.body(), Problem.class);
    } catch (IOException | RuntimeException e) {
      problem = new Problem(null, null, response.statusCode(), null, List.of());
    }
    Integer retryAfter =
        response
            .headers()
            .firstValue("Retry-After")
            .filter(value -> value.matches("\\d{1,6}"))
            .map(Integer::valueOf)
            .orElse(null);
    return new ApiException(response.statusCode(), problem, retryAfter);
  }

  private static <T> T read(String body, JavaType type) {
    try {
      return Json.MAPPER.readValue(body.isEmpty() ? "{}" : body, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the platform answered JSON this client cannot read", e);
    }
  }

  private static String write(Object body) {
    try {
      return Json.MAPPER.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static JavaType type(Class<?> type) {
    return Json.MAPPER.constructType(type);
  }

  private static JavaType page(Class<?> item) {
    return Json.MAPPER.getTypeFactory().constructParametricType(Page.class, item);
  }
}
