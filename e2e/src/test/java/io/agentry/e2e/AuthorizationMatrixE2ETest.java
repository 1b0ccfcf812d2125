package io.agentry.e2e;

import static io.agentry.e2e.AuthorizationMatrixE2ETest.Filling.NOTHING;
import static io.agentry.e2e.AuthorizationMatrixE2ETest.Filling.id;
import static io.agentry.e2e.AuthorizationMatrixE2ETest.Filling.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Every public endpoint (every operation of the gateway's OpenAPI document, WebSocket upgrades
 * included) against every kind of caller, each cell with the status docs/contract.md gives it: no
 * credentials, credentials of the wrong scheme, a malformed API key, an unknown API key, a revoked
 * API key, an expired token and a forged token all get 401 on every endpoint but register and login
 * (and, for no credentials at all, the marketplace's public reads, answered as to anyone); another
 * user gets what the contract says about someone else's agent, task or key (403 or 404, or their
 * own data); the owner gets the success status.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuthorizationMatrixE2ETest {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");
  private static final String SCORE = "{\"score\":4}";
  private static final String SECRET = "{\"value\":\"matrix secret value\"}";
  private static final String LIMITS = "{\"monthlySpend\":1000}";
  private static final String MCP = "/mcp";
  private static final String MCP_INITIALIZE =
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
          + "\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"matrix\",\"version\":\"1\"}}}";

  /** The callers, in the order each endpoint meets them: the owner, who may destroy, last. */
  enum Caller {
    NONE,
    WRONG_SCHEME,
    MALFORMED_KEY,
    UNKNOWN_KEY,
    REVOKED_KEY,
    EXPIRED_TOKEN,
    FORGED_TOKEN,
    OTHER_USER,
    OWNER;

    boolean signedIn() {
      return this == OTHER_USER || this == OWNER;
    }
  }

  /**
   * One request: HTTP, or a WebSocket upgrade with the credentials in a header or the query; an MCP
   * request may name a session.
   */
  record Call(
      String method, String path, String contentType, byte[] body, Live live, String mcpSession) {}

  enum Live {
    NONE,
    HEADER,
    QUERY
  }

  /**
   * What a caller's request adds to its operation: the ids of its {@code {id}}s (separated by a
   * space), a query, a body.
   */
  record Filling(String id, String query, String contentType, byte[] body) {

    static final Filling NOTHING = new Filling("", "", null, null);

    static Filling id(String id) {
      return new Filling(id, "", null, null);
    }

    static Filling query(String query) {
      return new Filling("", query, null, null);
    }

    Filling json(String json) {
      return new Filling(id, query, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }
  }

  /**
   * A row of the matrix: an operation ("METHOD /template" as the OpenAPI document has it), how
   * WebSocket credentials are sent, whether it is open to anyone, the status another user and the
   * owner get, and how each caller's request is filled in. The other callers get 401, unless the
   * endpoint is open: then everyone gets {@code owner}.
   */
  record Endpoint(
      String operation,
      Live live,
      boolean open,
      boolean publicRead,
      int other,
      int owner,
      Function<Caller, Filling> filling) {

    String method() {
      return operation.substring(0, operation.indexOf(' '));
    }

    String template() {
      return operation.substring(operation.indexOf(' ') + 1);
    }

    int expected(Caller caller) {
      if (open || (publicRead && caller == Caller.NONE)) {
        return owner;
      }
      return switch (caller) {
        case OWNER -> owner;
        case OTHER_USER -> other;
        default -> 401;
      };
    }

    Call call(Caller caller) {
      Filling filled = filling.apply(caller);
      String path = template();
      // Each {id} in turn takes the next of the filling's space-separated ids.
      for (String id : filled.id().split(" ")) {
        path = path.replaceFirst(Pattern.quote("{id}"), Matcher.quoteReplacement(id));
      }
      path += filled.query();
      // /mcp has no {id}: its filling's id is the Mcp-Session-Id to send, if any.
      String session = path.equals(MCP) && !filled.id().isEmpty() ? filled.id() : null;
      return new Call(method(), path, filled.contentType(), filled.body(), live, session);
    }

    String name() {
      return switch (live) {
        case NONE -> operation;
        case HEADER -> operation + " (WebSocket, Authorization)";
        case QUERY -> operation + " (WebSocket, access_token)";
      };
    }
  }

  private final Platform platform = Platform.get();
  private final AtomicInteger sequence = new AtomicInteger();
  private final String suffix = UUID.randomUUID().toString().substring(0, 8);

  private PublicApi owner;
  private PublicApi other;
  private String otherToken;
  private String agentId;
  private String finishedTaskId;
  private String runningTaskId;
  private String spareKeyId;
  private String ownerMcpSession;
  private String revokedKey;
  private String expiredToken;
  private String forgedToken;
  private byte[] module;

  @BeforeAll
  void setUp() {
    owner = PublicApi.newUser(platform.apiUrl());
    other = PublicApi.newUser(platform.apiUrl());
    otherToken = login(other);
    module = Agents.exitWith(0);

    agentId = owner.upload("matrix-" + suffix, "1.0.0", module).path("id").asText();
    finishedTaskId = owner.accepted(Map.of("agentId", agentId));
    assertEquals("SUCCEEDED", owner.awaitTerminal(finishedTaskId, TIMEOUT).path("status").asText());
    // Only a user who ran an agent may rate it.
    other.ran(agentId, TIMEOUT);

    String forever =
        owner.upload("forever-" + suffix, "1.0.0", Agents.forever()).path("id").asText();
    runningTaskId = owner.accepted(Map.of("agentId", forever, "timeoutMs", 120_000));
    owner.awaitStatus(runningTaskId, Set.of("QUEUED", "RUNNING"), TIMEOUT);

    spareKeyId = newKey(owner).path("id").asText();
    ownerMcpSession = mcpSession();
    revokedKey = revokedKey();

    Tokens tokens = Tokens.of(platform.registryKeyDir());
    Instant now = Instant.now();
    String control = tokens.signed(owner.userId(), now.minusSeconds(60), now.plusSeconds(600));
    HttpResponse<String> me = get("/users/me", "Bearer " + control);
    assertEquals(
        200, me.statusCode(), "a token signed like the registry's must work: " + me.body());
    assertEquals(owner.userId(), PublicApi.read(me.body()).path("id").asText());
    // Expired an hour ago: far past any clock skew a verifier allows.
    expiredToken =
        tokens.signed(owner.userId(), now.minus(Duration.ofHours(2)), now.minusSeconds(3600));
    forgedToken = tokens.forged(owner.userId(), now.minusSeconds(60), now.plusSeconds(600));
  }

  @AfterAll
  void cancelWhatRuns() {
    if (owner != null && runningTaskId != null) {
      owner.delete("/tasks/" + runningTaskId);
    }
  }

  /** The matrix, one row per operation (WebSocket upgrades once per way to send credentials). */
  private List<Endpoint> endpoints() {
    List<Endpoint> rows =
        new ArrayList<>(
            List.of(
                // operation, then the status of another user and of the owner
                open("POST /users/register", 201, caller -> NOTHING.json(registration())),
                open("POST /users/login", 200, caller -> NOTHING.json(ownerLogin())),
                row("GET /users/me", 200, 200),
                row("GET /users/me/api-keys", 200, 200),
                row("POST /users/me/api-keys", 201, 201),
                row(
                    "DELETE /users/me/api-keys/{id}",
                    404,
                    204,
                    caller -> id(caller == Caller.OWNER ? freshKeyId() : spareKeyId)),
                publicRead("GET /agents", caller -> NOTHING),
                row("POST /agents", 201, 201, caller -> upload()),
                publicRead("GET /agents/search", caller -> query("?q=matrix")),
                publicRead("GET /agents/{id}", caller -> id(agentId)),
                row("PATCH /agents/{id}", 403, 200, caller -> id(agentId).json(change(caller))),
                row(
                    "DELETE /agents/{id}",
                    403,
                    204,
                    caller -> id(caller == Caller.OWNER ? freshAgentId() : agentId)),
                publicRead("GET /agents/{id}/versions", caller -> id(agentId)),
                row("GET /agents/{id}/binary", 403, 200, caller -> id(agentId)),
                row("PUT /agents/{id}/rating", 200, 403, caller -> id(agentId).json(SCORE)),
                publicRead("GET /agents/{id}/reviews", caller -> id(agentId)),
                publicRead("GET /agents/{id}/stats", caller -> id(agentId)),
                row("GET /agents/{id}/secrets", 403, 200, caller -> id(agentId)),
                row(
                    "PUT /agents/{id}/secrets/{id}",
                    403,
                    200,
                    caller -> id(agentId + " MATRIX_SECRET").json(SECRET)),
                row(
                    "DELETE /agents/{id}/secrets/{id}",
                    403,
                    204,
                    caller ->
                        id(agentId + " " + (caller == Caller.OWNER ? freshSecret() : "KEPT"))),
                row("POST /tasks", 202, 202, caller -> NOTHING.json(task())),
                row("GET /tasks", 200, 200),
                row("GET /tasks/{id}", 404, 200, caller -> id(finishedTaskId)),
                row("DELETE /tasks/{id}", 404, 202, caller -> id(runningTaskId)),
                row("GET /tasks/{id}/results", 404, 200, caller -> id(finishedTaskId)),
                row("GET /tasks/{id}/results/stdout", 404, 200, caller -> id(finishedTaskId)),
                row("GET /tasks/{id}/results/stderr", 404, 200, caller -> id(finishedTaskId)),
                row("GET /tasks/results", 200, 200),
                row("GET /users/me/toolbox", 200, 200),
                // Each user adds the agent to their own toolbox, then removes it.
                row("PUT /users/me/toolbox/{id}", 201, 201, caller -> id(agentId)),
                row("DELETE /users/me/toolbox/{id}", 204, 204, caller -> id(agentId)),
                row("GET /usage", 200, 200),
                row("GET /earnings", 200, 200),
                row("GET /users/me/limits", 200, 200),
                row("PUT /users/me/limits", 200, 200, caller -> NOTHING.json(LIMITS)),
                row("POST /mcp", 200, 200, caller -> NOTHING.json(MCP_INITIALIZE)),
                // The listening stream needs a session: without one it is 400 for anyone.
                row("GET /mcp", 400, 400),
                // The owner's session: another user may not end it (404), the owner may.
                row(
                    "DELETE /mcp",
                    404,
                    204,
                    caller -> id(caller == Caller.OWNER ? mcpSession() : ownerMcpSession))));
    // Another user's task stream upgrades but carries nothing (see the last test).
    for (Live live : List.of(Live.HEADER, Live.QUERY)) {
      rows.add(
          new Endpoint(
              "GET /tasks/{id}/events",
              live,
              false,
              false,
              101,
              101,
              caller -> id(finishedTaskId)));
      rows.add(new Endpoint("GET /events", live, false, false, 101, 101, caller -> NOTHING));
    }
    // Last: it ends the login tokens of whoever calls it (the other user's is one of the callers).
    rows.add(row("POST /users/me/sessions/revoke", 204, 204));
    return rows;
  }

  private static Endpoint open(String operation, int status, Function<Caller, Filling> filling) {
    return new Endpoint(operation, Live.NONE, true, false, status, status, filling);
  }

  private static Endpoint row(String operation, int other, int owner) {
    return row(operation, other, owner, caller -> NOTHING);
  }

  private static Endpoint row(
      String operation, int other, int owner, Function<Caller, Filling> filling) {
    return new Endpoint(operation, Live.NONE, false, false, other, owner, filling);
  }

  /** A marketplace read: without any credentials it is answered as to anyone (contract 2). */
  private static Endpoint publicRead(String operation, Function<Caller, Filling> filling) {
    return new Endpoint(operation, Live.NONE, false, true, 200, 200, filling);
  }

  private String registration() {
    return "{\"username\":\"m-"
        + suffix
        + "-"
        + sequence.incrementAndGet()
        + "\",\"password\":\""
        + PublicApi.PASSWORD
        + "\"}";
  }

  private String ownerLogin() {
    return "{\"username\":\""
        + owner.username()
        + "\",\"password\":\""
        + PublicApi.PASSWORD
        + "\"}";
  }

  private String freshKeyId() {
    return newKey(owner).path("id").asText();
  }

  /** A secret of the matrix's agent that the owner just set, for the owner to remove. */
  private String freshSecret() {
    String name = "DOOMED_" + sequence.incrementAndGet();
    HttpResponse<String> set =
        PublicApi.send(
            owner
                .request("/agents/" + agentId + "/secrets/" + name)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(SECRET)));
    assertEquals(200, set.statusCode(), set.body());
    return name;
  }

  /** A new MCP session of the owner's. */
  private String mcpSession() {
    HttpResponse<String> initialized =
        PublicApi.send(
            owner
                .request(MCP)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(MCP_INITIALIZE)));
    assertEquals(200, initialized.statusCode(), initialized.body());
    return initialized.headers().firstValue("Mcp-Session-Id").orElseThrow();
  }

  private String freshAgentId() {
    return owner.upload("doomed-" + suffix, "1.0.0", module).path("id").asText();
  }

  private Filling upload() {
    PublicApi.Multipart upload =
        PublicApi.uploadBody("upload-" + suffix, "1.0." + sequence.incrementAndGet(), module);
    return new Filling("", "", upload.contentType(), upload.body());
  }

  private static String change(Caller caller) {
    return "{\"description\":\"changed by " + caller + "\"}";
  }

  private String task() {
    return "{\"agentId\":\"" + agentId + "\"}";
  }

  @Test
  @Order(1)
  void theMatrixCoversEveryOperationOfTheOpenApiDocument() {
    HttpResponse<String> response =
        PublicApi.send(
            HttpRequest.newBuilder(URI.create(platform.gatewayUrl() + "/q/openapi?format=json"))
                .header("Accept", "application/json"));
    assertEquals(200, response.statusCode(), response.body());
    Set<String> documented = new TreeSet<>();
    JsonNode document = PublicApi.read(response.body());
    assertEquals("/api/v1", document.path("servers").path(0).path("url").asText());
    JsonNode paths = document.path("paths");
    for (Iterator<String> names = paths.fieldNames(); names.hasNext(); ) {
      String path = names.next();
      String template = path.replaceAll("\\{[^}]+}", "{id}");
      for (Iterator<String> methods = paths.path(path).fieldNames(); methods.hasNext(); ) {
        String method = methods.next();
        if (METHODS.contains(method)) {
          documented.add(method.toUpperCase() + " " + template);
        }
      }
    }
    Set<String> covered =
        endpoints().stream()
            .map(Endpoint::operation)
            .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(documented, covered, "the matrix must have a row for every public operation");
    assertEquals(41, covered.size(), covered.toString());
  }

  @Test
  @Order(2)
  void everyEndpointAnswersEveryCallerWithTheContractsStatus() {
    List<String> wrong = new ArrayList<>();
    int cells = 0;
    for (Endpoint endpoint : endpoints()) {
      for (Caller caller : Caller.values()) {
        cells++;
        String defect = check(endpoint, caller);
        if (defect != null) {
          wrong.add(endpoint.name() + " as " + caller + ": " + defect);
        }
      }
    }
    assertEquals(43 * Caller.values().length, cells);
    assertEquals(List.of(), wrong, wrong.size() + " of " + cells + " cells are wrong");
  }

  @Test
  @Order(3)
  void nothingRefusedChangedAnything() {
    JsonNode agent = owner.getJson("/agents/" + agentId);
    assertEquals("active", agent.path("status").asText(), agent.toString());
    assertEquals("changed by OWNER", agent.path("description").asText(), agent.toString());
    assertEquals(1, agent.path("ratingCount").asInt(), "only the other user rated: " + agent);

    JsonNode keys = owner.getJson("/users/me/api-keys");
    assertTrue(
        keys.path("items").findValuesAsText("id").contains(spareKeyId),
        "the key the others tried to revoke is still there: " + keys);

    assertEquals("CANCELLED", owner.awaitTerminal(runningTaskId, TIMEOUT).path("status").asText());

    // One upload each by the two users who could upload; none by anybody else.
    assertEquals(1, uploads(owner), "the owner's uploads");
    assertEquals(1, uploads(other), "the other user's uploads");
  }

  @Test
  @Order(4)
  void anotherUsersTaskStreamCarriesNothing() throws Exception {
    try (EventSocket mine = EventSocket.open(owner, "/tasks/" + finishedTaskId + "/events");
        EventSocket theirs = EventSocket.open(other, "/tasks/" + finishedTaskId + "/events")) {
      List<JsonNode> events = mine.untilTerminal(finishedTaskId, TIMEOUT);
      assertEquals("SUCCEEDED", events.get(events.size() - 1).path("status").asText());
      assertEquals(List.of(), theirs.untilTerminal(finishedTaskId, Duration.ofSeconds(1)));
    }
  }

  /** Null when the caller's request to the endpoint is answered as the matrix says. */
  private String check(Endpoint endpoint, Caller caller) {
    int expected = endpoint.expected(caller);
    Call call = endpoint.call(caller);
    int status;
    String contentType;
    String body;
    String challenge;
    if (call.live() == Live.NONE) {
      HttpResponse<String> response = PublicApi.send(request(call, caller));
      status = response.statusCode();
      contentType = response.headers().firstValue("Content-Type").orElse(null);
      body = response.body();
      challenge = response.headers().firstValue("WWW-Authenticate").orElse(null);
    } else {
      RawHttp.Response response = upgrade(call, caller);
      status = response.status();
      contentType = response.header("Content-Type");
      body = response.text();
      challenge = response.header("WWW-Authenticate");
    }
    if (status != expected) {
      return "expected " + expected + ", got " + status + " " + clip(body);
    }
    if (status >= 400) {
      String defect = Problems.defect(status, contentType, body);
      if (defect != null) {
        return defect;
      }
      if (status == 401 && !"Bearer".equals(challenge)) {
        return "401 without 'WWW-Authenticate: Bearer' (" + challenge + ")";
      }
    }
    return null;
  }

  private HttpRequest.Builder request(Call call, Caller caller) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(platform.apiUrl() + call.path()))
            .timeout(TIMEOUT)
            .method(
                call.method(),
                call.body() == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(call.body()));
    if (call.contentType() != null) {
      request.header("Content-Type", call.contentType());
    }
    if (call.path().equals(MCP)) {
      request.header("Accept", "application/json, text/event-stream");
    }
    if (call.mcpSession() != null) {
      request.header("Mcp-Session-Id", call.mcpSession());
    }
    String authorization = authorization(caller);
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return request;
  }

  private RawHttp.Response upgrade(Call call, Caller caller) {
    String target = URI.create(platform.apiUrl()).getPath() + call.path();
    String authorization = authorization(caller);
    if (authorization == null) {
      return RawHttp.of(platform.apiUrl()).upgrade(target);
    }
    if (call.live() == Live.HEADER) {
      return RawHttp.of(platform.apiUrl()).upgrade(target, "Authorization: " + authorization);
    }
    String token = authorization.substring(authorization.indexOf(' ') + 1);
    return RawHttp.of(platform.apiUrl())
        .upgrade(target + "?access_token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
  }

  /** The Authorization header of a caller; null for none. */
  private String authorization(Caller caller) {
    return switch (caller) {
      case NONE -> null;
      case WRONG_SCHEME ->
          "Basic "
              + Base64.getEncoder()
                  .encodeToString(
                      (owner.username() + ":" + PublicApi.PASSWORD)
                          .getBytes(StandardCharsets.UTF_8));
      case MALFORMED_KEY -> "Bearer agy_not-a-key!";
      case UNKNOWN_KEY -> "Bearer agy_" + "A".repeat(43);
      case REVOKED_KEY -> "Bearer " + revokedKey;
      case EXPIRED_TOKEN -> "Bearer " + expiredToken;
      case FORGED_TOKEN -> "Bearer " + forgedToken;
      case OTHER_USER -> "Bearer " + otherToken;
      case OWNER -> "Bearer " + owner.apiKey();
    };
  }

  /** A key of the owner's that worked, was revoked, and stopped working at once. */
  private String revokedKey() {
    JsonNode created = newKey(owner);
    String key = created.path("apiKey").asText();
    assertEquals(200, get("/users/me", "Bearer " + key).statusCode(), "the new key works");
    assertEquals(
        204, owner.delete("/users/me/api-keys/" + created.path("id").asText()).statusCode());
    assertEquals(401, get("/users/me", "Bearer " + key).statusCode(), "the revoked key works");
    return key;
  }

  private static JsonNode newKey(PublicApi user) {
    HttpResponse<String> response =
        PublicApi.send(
            user.request("/users/me/api-keys").POST(HttpRequest.BodyPublishers.noBody()));
    assertEquals(201, response.statusCode(), response.body());
    return PublicApi.read(response.body());
  }

  private String login(PublicApi user) {
    HttpResponse<String> response =
        PublicApi.send(
            HttpRequest.newBuilder(URI.create(platform.apiUrl() + "/users/login"))
                .header("Content-Type", "application/json")
                .POST(
                    PublicApi.body(
                        Map.of("username", user.username(), "password", PublicApi.PASSWORD))));
    assertEquals(200, response.statusCode(), response.body());
    return PublicApi.read(response.body()).path("token").asText();
  }

  private HttpResponse<String> get(String path, String authorization) {
    return PublicApi.send(
        HttpRequest.newBuilder(URI.create(platform.apiUrl() + path))
            .header("Authorization", authorization));
  }

  private int uploads(PublicApi user) {
    JsonNode page = user.getJson("/agents?owner=" + user.userId() + "&limit=100");
    int count = 0;
    for (JsonNode agent : page.path("items")) {
      if (agent.path("name").asText().equals("upload-" + suffix)) {
        count++;
      }
    }
    return count;
  }

  private static String clip(String text) {
    return text == null || text.length() <= 300 ? text : text.substring(0, 300) + "...";
  }
}
