package io.agentry.registry;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentry.localstack.LocalStackTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * No password, API key or token reaches the registry's log, even at DEBUG level, whatever the
 * request does with it: register, log in (right and wrong), create, list and revoke keys, exchange
 * credentials for a token, present a revoked key or a forged token.
 */
@QuarkusTest
@WithTestResource(
    value = LocalStackTestResource.class,
    initArgs = {
      @ResourceArg(name = "components", value = "postgres,kafka,s3"),
      @ResourceArg(name = "database", value = "registry")
    })
class LogSecrecyTest {

  /** The registry's own code and the frameworks that handle requests and credentials. */
  private static final List<String> CATEGORIES =
      List.of(
          "io.agentry",
          "io.quarkus",
          "io.smallrye.jwt",
          "io.vertx",
          "org.jboss.resteasy",
          "org.jose4j");

  private final Capture capture = new Capture();
  private final Map<String, Level> levels = new HashMap<>();

  @BeforeEach
  void captureEverythingFromDebugUp() {
    for (String category : CATEGORIES) {
      Logger logger = Logger.getLogger(category);
      levels.put(category, logger.getLevel());
      logger.setLevel(Level.FINE);
    }
    Logger.getLogger("").addHandler(capture);
  }

  @AfterEach
  void stopCapturing() {
    Logger.getLogger("").removeHandler(capture);
    levels.forEach((category, level) -> Logger.getLogger(category).setLevel(level));
  }

  @Test
  void noPasswordApiKeyOrTokenIsLogged() {
    String username = "s-" + UUID.randomUUID().toString().substring(0, 18);
    String password = "pw-" + UUID.randomUUID();
    String wrongPassword = "wrong-" + UUID.randomUUID();
    String otherPassword = "other-" + UUID.randomUUID();
    List<String> secrets = new ArrayList<>(List.of(password, wrongPassword, otherPassword));

    String apiKey =
        post("/users/register", Map.of("username", username, "password", password), null, 201)
            .path("apiKey");
    post(
        "/users/register",
        Map.of("username", username.toUpperCase(), "password", otherPassword),
        null,
        409);
    given()
        .contentType(ContentType.JSON)
        .body("{\"username\":\"" + username + "\",\"password\":\"" + otherPassword + "\"")
        .post("/users/register")
        .then()
        .statusCode(400);
    String token =
        post("/users/login", Map.of("username", username, "password", password), null, 200)
            .path("token");
    post("/users/login", Map.of("username", username, "password", wrongPassword), null, 401);
    post("/users/login", Map.of("username", "nobody-" + username, "password", password), null, 401);
    String secondKey = post("/users/me/api-keys", Map.of(), apiKey, 201).path("apiKey");
    String exchangedFromKey = post("/auth/token", Map.of(), apiKey, 200).path("token");
    String exchangedFromToken = post("/auth/token", Map.of(), token, 200).path("token");
    given()
        .auth()
        .oauth2(apiKey)
        .delete("/users/me/api-keys/" + keyId(secondKey, token))
        .then()
        .statusCode(204);
    given().auth().oauth2(secondKey).get("/users/me").then().statusCode(401);
    given().auth().oauth2(token + "x").get("/users/me").then().statusCode(401);
    given().auth().oauth2(apiKey.substring(0, 20)).get("/users/me").then().statusCode(401);
    secrets.addAll(List.of(apiKey, secondKey, token, exchangedFromKey, exchangedFromToken));
    for (String jwt : List.of(token, exchangedFromKey, exchangedFromToken)) {
      secrets.add(jwt.substring(jwt.lastIndexOf('.') + 1));
    }
    secrets.add(apiKey.substring(0, 20));

    String marker = "log-secrecy-marker-" + UUID.randomUUID();
    org.jboss.logging.Logger.getLogger("io.agentry.registry.LogSecrecyTest").debug(marker);
    String log = capture.text();
    assertTrue(log.contains(marker), "the capture sees DEBUG records of io.agentry");
    List<String> leaked = secrets.stream().filter(log::contains).toList();
    assertEquals(List.of(), leaked, "secrets in the log:\n" + log);
  }

  /** Agent secret values: set, replaced, refused (too long, by another user) and removed. */
  @Test
  void noAgentSecretValueIsLogged() {
    TestUsers.TestUser owner = TestUsers.register();
    TestUsers.TestUser other = TestUsers.register();
    String id = TestAgents.create(owner, TestAgents.metadata("x"));
    String first = "first-" + UUID.randomUUID();
    String second = "second-" + UUID.randomUUID();
    String refused = "refused-" + UUID.randomUUID();
    String tooLong = "long-" + UUID.randomUUID() + "x".repeat(4096);

    putSecret(owner, id, first, 200);
    putSecret(owner, id, second, 200);
    putSecret(other, id, refused, 403);
    putSecret(owner, id, tooLong, 400);
    owner.request().get("/agents/" + id + "/secrets").then().statusCode(200);
    owner.request().delete("/agents/" + id + "/secrets/API_KEY").then().statusCode(204);

    String log = capture.text();
    List<String> leaked =
        List.of(first, second, refused, tooLong.substring(0, 41)).stream()
            .filter(log::contains)
            .toList();
    assertEquals(List.of(), leaked, "secret values in the log:\n" + log);
  }

  private static void putSecret(TestUsers.TestUser user, String id, String value, int status) {
    user.request()
        .contentType(ContentType.JSON)
        .body(Map.of("value", value))
        .put("/agents/" + id + "/secrets/API_KEY")
        .then()
        .statusCode(status);
  }

  /** The id of {@code key}, from the list of its owner's keys (which shows only prefixes). */
  private static String keyId(String key, String ownerToken) {
    List<Map<String, String>> items =
        given().auth().oauth2(ownerToken).get("/users/me/api-keys").path("items");
    return items.stream()
        .filter(item -> key.startsWith(item.get("prefix")))
        .map(item -> item.get("id"))
        .findFirst()
        .orElseThrow();
  }

  private static Response post(String path, Map<String, ?> body, String bearer, int status) {
    RequestSpecification request = given().contentType(ContentType.JSON).body(body);
    if (bearer != null) {
      request = request.auth().oauth2(bearer);
    }
    Response response = request.post(path);
    response.then().statusCode(status);
    return response;
  }

  /** Every record's message, parameters and exception, as text. */
  private static final class Capture extends Handler {

    private final StringBuilder text = new StringBuilder();

    Capture() {
      setLevel(Level.ALL);
    }

    @Override
    public synchronized void publish(LogRecord record) {
      text.append(record.getLoggerName())
          .append(' ')
          .append(record.getMessage())
          .append(' ')
          .append(Arrays.deepToString(record.getParameters()))
          .append('\n');
      if (record.getThrown() != null) {
        StringWriter trace = new StringWriter();
        record.getThrown().printStackTrace(new PrintWriter(trace));
        text.append(trace).append('\n');
      }
    }

    synchronized String text() {
      return text.toString();
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }
}
