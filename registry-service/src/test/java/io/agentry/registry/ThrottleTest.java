package io.agentry.registry;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentry.localstack.LocalStackTestResource;
import io.agentry.registry.TestUsers.TestUser;
import io.agentry.registry.config.RegistryConfig;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Logins and registrations are throttled per client address and per username, with the default
 * limits; in tests they are forgiven only after a day, so nothing is forgiven while a test runs.
 * The registry takes the client address from X-Forwarded-For when the peer is a trusted proxy
 * (127.0.0.1, where the gateway is locally), so each test uses addresses of its own.
 */
@QuarkusTest
@WithTestResource(
    value = LocalStackTestResource.class,
    initArgs = {
      @ResourceArg(name = "components", value = "postgres,kafka,s3"),
      @ResourceArg(name = "database", value = "registry")
    })
class ThrottleTest {

  @Inject RegistryConfig config;

  private static final String PROBLEM = "application/problem+json";
  private static final AtomicInteger NEXT_ADDRESS = new AtomicInteger(1);

  @Test
  void wrongPasswordsForOneUsernameFromChangingAddressesGet429WithRetryAfter() {
    TestUser user = registerFrom(newAddress());
    for (int i = 0; i < usernameFailures(); i++) {
      login(user.username(), "wrong password", newAddress()).then().statusCode(401);
    }
    Response refused = login(user.username(), "wrong password", newAddress());
    refused
        .then()
        .statusCode(429)
        .contentType(PROBLEM)
        .body("type", equalTo("/problems/rate-limited"))
        .body("status", equalTo(429))
        .body("detail", containsString("Too many failed logins for this username; try again in"));
    assertRetryAfterAtMost(
        refused, config.throttle().login().usernamePeriod().dividedBy(usernameFailures()));
  }

  @Test
  void theRightPasswordIsRefusedTooUntilTheFailuresAreForgiven() {
    TestUser user = registerFrom(newAddress());
    for (int i = 0; i < usernameFailures(); i++) {
      login(user.username(), "wrong password", newAddress()).then().statusCode(401);
    }
    login(user.username(), TestUsers.PASSWORD, newAddress())
        .then()
        .statusCode(429)
        .header("Retry-After", notNullValue())
        .body("token", nullValue());
    login(user.username().toUpperCase(), TestUsers.PASSWORD, newAddress()).then().statusCode(429);
  }

  @Test
  void addressesForwardedByAPeerThatIsNotATrustedProxyAreIgnored() throws IOException {
    // 127.0.0.2 is not a trusted proxy (only the gateway's address is): whatever address it
    // names, its failed logins are counted under its own, which is then refused.
    String peer = "127.0.0.2";
    for (int i = 0; i < addressFailures(); i++) {
      assertEquals(401, failedLoginFrom(peer, newAddress()));
    }
    assertEquals(429, failedLoginFrom(peer, newAddress()));
    // The trusted proxy's forwarded addresses still count apart.
    login(unknownUsername(), "wrong password", newAddress()).then().statusCode(401);
  }

  @Test
  void aLockedUsernameLetsItsOwnerInFromAnAddressTheyLoggedInFromBefore() {
    TestUser user = registerFrom(newAddress());
    String home = newAddress();
    login(user.username(), TestUsers.PASSWORD, home).then().statusCode(200);
    for (int i = 0; i < usernameFailures(); i++) {
      login(user.username(), "wrong password", newAddress()).then().statusCode(401);
    }
    login(user.username(), TestUsers.PASSWORD, newAddress()).then().statusCode(429);

    login(user.username(), TestUsers.PASSWORD, home)
        .then()
        .statusCode(200)
        .body("token", notNullValue());
  }

  @Test
  void successfulLoginsFromOneAddressAreBoundedToo() {
    String address = newAddress();
    TestUser user = registerFrom(newAddress());
    for (int i = 0; i < config.throttle().login().addressAttempts(); i++) {
      login(user.username(), TestUsers.PASSWORD, address).then().statusCode(200);
    }
    login(user.username(), TestUsers.PASSWORD, address)
        .then()
        .statusCode(429)
        .header("Retry-After", notNullValue())
        .body("detail", containsString("Too many logins from your address"));
    login(user.username(), TestUsers.PASSWORD, newAddress()).then().statusCode(200);
  }

  @Test
  void anotherUsernameIsNotAffected() {
    String address = newAddress();
    TestUser attacked = registerFrom(newAddress());
    TestUser other = registerFrom(newAddress());
    for (int i = 0; i < usernameFailures(); i++) {
      login(attacked.username(), "wrong password", newAddress()).then().statusCode(401);
    }
    login(attacked.username(), "wrong password", address).then().statusCode(429);
    login(other.username(), TestUsers.PASSWORD, address)
        .then()
        .statusCode(200)
        .body("token", notNullValue());
  }

  @Test
  void aThrottledUsernameLooksTheSameWhetherOrNotItsUserExists() {
    TestUser user = registerFrom(newAddress());
    String nobody = "nobody-" + UUID.randomUUID().toString().substring(0, 8);
    for (int i = 0; i < usernameFailures(); i++) {
      login(user.username(), "wrong password", newAddress()).then().statusCode(401);
      login(nobody, "wrong password", newAddress()).then().statusCode(401);
    }
    Response existing = login(user.username(), "wrong password", newAddress());
    Response unknown = login(nobody, "wrong password", newAddress());
    assertEquals(429, existing.statusCode());
    assertEquals(429, unknown.statusCode());
    assertEquals(withoutNumbers(existing.asString()), withoutNumbers(unknown.asString()));
  }

  @Test
  void failedLoginsFromOneAddressGet429ForEveryUsernameAndOtherAddressesAreNotAffected() {
    String address = newAddress();
    for (int i = 0; i < addressFailures(); i++) {
      login(unknownUsername(), "a guess", address).then().statusCode(401);
    }
    TestUser user = registerFrom(newAddress());
    login(user.username(), TestUsers.PASSWORD, address)
        .then()
        .statusCode(429)
        .header("Retry-After", notNullValue())
        .body("detail", containsString("Too many failed logins from your address; try again in"));
    login(user.username(), TestUsers.PASSWORD, newAddress()).then().statusCode(200);
  }

  @Test
  void successfulLoginsDoNotCount() {
    String address = newAddress();
    TestUser user = registerFrom(newAddress());
    for (int i = 0; i < addressFailures() + usernameFailures() + 2; i++) {
      login(user.username(), TestUsers.PASSWORD, address).then().statusCode(200);
    }
    login(user.username(), "wrong password", address).then().statusCode(401);
  }

  @Test
  void manyRegistrationsFromOneAddressGet429AndOtherAddressesAreNotAffected() {
    String address = newAddress();
    for (int i = 0; i < registrations(); i++) {
      registerFrom(address);
    }
    Response refused = register(unknownUsername(), address);
    refused
        .then()
        .statusCode(429)
        .contentType(PROBLEM)
        .body("type", equalTo("/problems/rate-limited"))
        .body("detail", containsString("Too many registrations from your address; try again in"));
    assertRetryAfterAtMost(
        refused, config.throttle().register().addressPeriod().dividedBy(registrations()));
    registerFrom(newAddress());
  }

  @Test
  void aForwardedIpv6AddressCountsWithItsWholeSlash64() {
    String network = "2001:db8:" + Integer.toHexString(NEXT_ADDRESS.incrementAndGet()) + ":1:";
    for (int i = 0; i < registrations(); i++) {
      registerFrom(network + ":" + Integer.toHexString(i + 1));
    }
    register(unknownUsername(), network + "ab:cd:ef:12").then().statusCode(429);
  }

  @Test
  void theOpenApiDocumentGives429WithRetryAfterOnRegisterAndLogin() {
    for (String path : new String[] {"/users/register", "/users/login"}) {
      given()
          .accept(ContentType.JSON)
          .get("/q/openapi?format=json")
          .then()
          .statusCode(200)
          .body("paths.'" + path + "'.post.responses.'429'.headers.'Retry-After'", notNullValue())
          .body("paths.'" + path + "'.post.parameters", nullValue());
    }
  }

  private int usernameFailures() {
    return config.throttle().login().usernameFailures();
  }

  private int addressFailures() {
    return config.throttle().login().addressFailures();
  }

  private int registrations() {
    return config.throttle().register().addressAttempts();
  }

  /**
   * Retry-After is whole seconds, at least 1, at most the time in which one attempt is forgiven.
   */
  private static void assertRetryAfterAtMost(Response refused, Duration oneForgiven) {
    long retryAfter = Long.parseLong(refused.header("Retry-After"));
    assertTrue(
        retryAfter >= 1 && retryAfter <= oneForgiven.toSeconds() + 1,
        "Retry-After " + retryAfter + " for one attempt forgiven every " + oneForgiven);
  }

  private static TestUser registerFrom(String address) {
    String username = unknownUsername();
    Response response = register(username, address);
    response.then().statusCode(201);
    return new TestUser(UUID.fromString(response.path("id")), username, response.path("apiKey"));
  }

  private static Response register(String username, String address) {
    return given()
        .contentType(ContentType.JSON)
        .header("X-Forwarded-For", address)
        .body(Map.of("username", username, "password", TestUsers.PASSWORD))
        .post("/users/register");
  }

  private static Response login(String username, String password, String address) {
    return given()
        .contentType(ContentType.JSON)
        .header("X-Forwarded-For", address)
        .body(Map.of("username", username, "password", password))
        .post("/users/login");
  }

  /** A failed login sent from the local address {@code peer}, naming {@code forwardedFor}. */
  private static int failedLoginFrom(String peer, String forwardedFor) throws IOException {
    byte[] body =
        ("{\"username\":\"" + unknownUsername() + "\",\"password\":\"wrong password\"}")
            .getBytes(StandardCharsets.UTF_8);
    String head =
        "POST /users/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
            + "X-Forwarded-For: "
            + forwardedFor
            + "\r\nContent-Length: "
            + body.length
            + "\r\nConnection: close\r\n\r\n";
    try (Socket socket = new Socket()) {
      socket.bind(new InetSocketAddress(peer, 0));
      socket.connect(new InetSocketAddress("127.0.0.1", RestAssured.port), 5_000);
      socket.setSoTimeout(30_000);
      socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().write(body);
      String status =
          new BufferedReader(
                  new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
              .readLine();
      return Integer.parseInt(status.split(" ")[1]);
    }
  }

  /** An address no other test uses (TEST-NET-2 and TEST-NET-3). */
  private static String newAddress() {
    int n = NEXT_ADDRESS.incrementAndGet();
    return (n < 256 ? "198.51.100." : "203.0.113.") + (n % 256);
  }

  private static String unknownUsername() {
    return "t-" + UUID.randomUUID().toString().substring(0, 18);
  }

  private static String withoutNumbers(String text) {
    return text.replaceAll("\\d+", "N");
  }
}
