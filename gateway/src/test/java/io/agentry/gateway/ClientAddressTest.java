package io.agentry.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agentry.gateway.support.DownstreamServices;
import io.agentry.localstack.LocalStackTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The registry throttles logins per client address, which it reads from X-Forwarded-For when the
 * gateway sends it: the gateway must send the address it sees, never one the client chose.
 */
@QuarkusTest
@WithTestResource(
    value = LocalStackTestResource.class,
    initArgs = {
      @ResourceArg(name = "components", value = DownstreamServices.COMPONENTS),
      @ResourceArg(name = "database", value = "gateway")
    })
@WithTestResource(DownstreamServices.class)
class ClientAddressTest {

  private static final String SPOOFED = "198.51.100.77";

  @Test
  void aClientCannotChooseTheAddressItsLoginsAreCountedUnder() {
    // The registry trusts X-Forwarded-For from loopback, where this test runs: use up the failed
    // logins of the spoofed address there, directly.
    String registry = DownstreamServices.registry().baseUrl();
    int status;
    int attempts = 0;
    do {
      status = failedLogin(registry + "/users/login", SPOOFED);
      attempts++;
    } while (status == 401 && attempts <= DownstreamServices.LOGIN_FAILURES_PER_ADDRESS);
    assertEquals(429, status, "the spoofed address is throttled at the registry");

    // Through the gateway, the same header (in both forms) changes nothing: the login is counted
    // under the address the gateway sees, which still has attempts left.
    given()
        .contentType(ContentType.JSON)
        .header("X-Forwarded-For", SPOOFED)
        .header("Forwarded", "for=" + SPOOFED)
        .body(Map.of("username", unknownUsername(), "password", "not the password"))
        .post("/api/v1/users/login")
        .then()
        .statusCode(401)
        .body("type", equalTo("/problems/invalid-credentials"));

    assertEquals(
        429, failedLogin(registry + "/users/login", SPOOFED), "the spoofed address is still spent");
  }

  private static int failedLogin(String url, String forwardedFor) {
    return given()
        .contentType(ContentType.JSON)
        .header("X-Forwarded-For", forwardedFor)
        .body(Map.of("username", unknownUsername(), "password", "not the password"))
        .post(url)
        .statusCode();
  }

  private static String unknownUsername() {
    return "nobody-" + UUID.randomUUID().toString().substring(0, 12);
  }
}
