package io.agentry.gateway.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentry.gateway.support.DownstreamServices;
import io.agentry.gateway.support.TestAgents;
import io.agentry.gateway.support.TestUsers;
import io.agentry.localstack.LocalStackTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The marketplace reads anyone may make without credentials, each client address under a token
 * bucket of its own (the tests run behind the trusted proxy 127.0.0.1, so X-Forwarded-For names the
 * client); everything else still needs credentials.
 */
@QuarkusTest
@WithTestResource(
    value = LocalStackTestResource.class,
    initArgs = {
      @ResourceArg(name = "components", value = DownstreamServices.COMPONENTS),
      @ResourceArg(name = "database", value = "gateway")
    })
@WithTestResource(DownstreamServices.class)
class AnonymousReadsTest {

  /** The anonymous burst of the test profile. */
  private static final int BURST = 20;

  private static final AtomicInteger NEXT_ADDRESS = new AtomicInteger(1);

  private static RequestSpecification from(String address) {
    return given().header("X-Forwarded-For", address);
  }

  private static String newAddress() {
    return "203.0.113." + NEXT_ADDRESS.getAndIncrement();
  }

  @Test
  void theMarketplaceReadsNeedNoCredentials() {
    UUID agentId = TestAgents.create(TestUsers.register());
    String address = newAddress();
    from(address).get("/api/v1/agents").then().statusCode(200).body("items", notNullValue());
    from(address).get("/api/v1/agents/search?q=agent").then().statusCode(200);
    from(address)
        .get("/api/v1/agents/" + agentId)
        .then()
        .statusCode(200)
        .body("id", equalTo(agentId.toString()));
    from(address)
        .get("/api/v1/agents/" + agentId + "/versions")
        .then()
        .statusCode(200)
        .body("items[0].id", equalTo(agentId.toString()));
    from(address)
        .get("/api/v1/agents/" + agentId + "/stats")
        .then()
        .statusCode(200)
        .body("agentId", equalTo(agentId.toString()));
    from(address)
        .get("/api/v1/agents/" + UUID.randomUUID())
        .then()
        .statusCode(404)
        .body("type", equalTo("/problems/agent-not-found"));
  }

  @Test
  void everythingElseStillNeedsCredentials() {
    UUID agentId = TestAgents.create(TestUsers.register());
    String address = newAddress();
    for (String path :
        List.of(
            "/api/v1/users/me",
            "/api/v1/users/me/api-keys",
            "/api/v1/tasks",
            "/api/v1/tasks/" + UUID.randomUUID(),
            "/api/v1/tasks/results",
            "/api/v1/agents/" + agentId + "/binary")) {
      assertUnauthorized(from(address).get(path).then().extract().statusCode(), path);
    }
    from(address)
        .contentType(ContentType.JSON)
        .body("{\"agentId\":\"" + agentId + "\"}")
        .post("/api/v1/tasks")
        .then()
        .statusCode(401)
        .header("WWW-Authenticate", "Bearer")
        .body("type", equalTo("/problems/unauthorized"));
    from(address)
        .contentType(ContentType.JSON)
        .body("{\"score\":5}")
        .put("/api/v1/agents/" + agentId + "/rating")
        .then()
        .statusCode(401);
    from(address)
        .contentType(ContentType.JSON)
        .body("{\"status\":\"disabled\"}")
        .patch("/api/v1/agents/" + agentId)
        .then()
        .statusCode(401);
    from(address).delete("/api/v1/agents/" + agentId).then().statusCode(401);
    from(address)
        .multiPart("metadata", TestAgents.metadata(), "application/json")
        .multiPart("binary", "a.wasm", new byte[] {0, 'a', 's', 'm'}, "application/wasm")
        .post("/api/v1/agents")
        .then()
        .statusCode(401);
    // The agent is untouched.
    from(newAddress())
        .get("/api/v1/agents/" + agentId)
        .then()
        .statusCode(200)
        .body("status", equalTo("active"));
  }

  @Test
  void badCredentialsOnAPublicReadAreStillRefused() {
    from(newAddress())
        .header("Authorization", "Bearer agy_" + "x".repeat(43))
        .get("/api/v1/agents")
        .then()
        .statusCode(401)
        .body("type", equalTo("/problems/unauthorized"));
  }

  @Test
  void anAddressOverItsLimitGets429WithRetryAfterWhileOthersAndSignedInCallersGoOn() {
    String flooding = newAddress();
    int refused = 0;
    for (int i = 0; i < BURST + 10; i++) {
      int status = from(flooding).get("/api/v1/agents?limit=1").then().extract().statusCode();
      if (status == 429) {
        refused++;
      } else {
        assertEquals(200, status);
      }
    }
    assertTrue(refused >= 5, "refused " + refused + " of " + (BURST + 10));
    from(flooding)
        .get("/api/v1/agents?limit=1")
        .then()
        .statusCode(429)
        .contentType("application/problem+json")
        .header("Retry-After", notNullValue())
        .body("type", equalTo("/problems/rate-limited"));
    // Another address, and a signed-in caller from the same address, are not affected.
    from(newAddress()).get("/api/v1/agents?limit=1").then().statusCode(200);
    TestUsers.TestUser user = TestUsers.register();
    from(flooding)
        .header("Authorization", "Bearer " + user.apiKey())
        .get("/api/v1/agents?limit=1")
        .then()
        .statusCode(200);
  }

  private static void assertUnauthorized(int status, String path) {
    assertEquals(401, status, path);
  }
}
