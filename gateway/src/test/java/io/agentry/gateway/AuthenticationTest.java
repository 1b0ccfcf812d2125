package io.agentry.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agentry.gateway.support.DownstreamServices;
import io.agentry.gateway.support.TestAgents;
import io.agentry.gateway.support.TestUsers;
import io.agentry.gateway.support.TestUsers.TestUser;
import io.agentry.localstack.LocalStackTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
import java.nio.file.Files;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(
    value = LocalStackTestResource.class,
    initArgs = {
      @ResourceArg(name = "components", value = DownstreamServices.COMPONENTS),
      @ResourceArg(name = "database", value = "gateway")
    })
@WithTestResource(DownstreamServices.class)
class AuthenticationTest {

  @Test
  void aRequestWithoutCredentialsIsRefusedByTheGatewayWithAProblem() {
    given()
        .get("/api/v1/users/me")
        .then()
        .statusCode(401)
        .contentType("application/problem+json")
        .header("WWW-Authenticate", "Bearer")
        .body("type", equalTo("/problems/unauthorized"))
        .body("status", equalTo(401));
  }

  @Test
  void anUnknownApiKeyIsRefused() {
    given()
        .header("Authorization", "Bearer agy_" + "x".repeat(43))
        .get("/api/v1/agents")
        .then()
        .statusCode(401)
        .body("type", equalTo("/problems/unauthorized"));
  }

  @Test
  void aBogusApiKeyCostsTheRegistryOneLookupWhileItIsRemembered() {
    String bogus = "agy_" + UUID.randomUUID().toString().replace("-", "") + "x".repeat(11);
    double before = refusedExchanges();
    for (int i = 0; i < 5; i++) {
      given()
          .header("Authorization", "Bearer " + bogus)
          .get("/api/v1/agents")
          .then()
          .statusCode(401)
          .body("type", equalTo("/problems/unauthorized"));
    }
    assertEquals(1.0, refusedExchanges() - before, "registry lookups for one bogus key");
  }

  /** How many token exchanges the registry has refused with 401, from its own metrics. */
  private static double refusedExchanges() {
    String metrics =
        given()
            .baseUri(DownstreamServices.registry().baseUrl())
            .get("/q/metrics")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    return metrics
        .lines()
        .filter(line -> line.startsWith("http_server_requests_seconds_count{"))
        .filter(line -> line.contains("uri=\"/auth/token\"") && line.contains("status=\"401\""))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .sum();
  }

  @Test
  void aMalformedTokenIsRefused() {
    given()
        .header("Authorization", "Bearer not.a.token")
        .get("/api/v1/agents")
        .then()
        .statusCode(401)
        .body("type", equalTo("/problems/unauthorized"));
  }

  @Test
  void anExpiredTokenSignedByTheRegistryIsRefused() throws Exception {
    TestUser user = TestUsers.register();
    String expired =
        Jwt.issuer("agentry")
            .subject(user.id().toString())
            .upn(user.username())
            .issuedAt(Instant.now().minusSeconds(3600))
            .expiresAt(Instant.now().minusSeconds(600))
            .jws()
            .keyId(registryKeyId())
            .sign(registryPrivateKey());
    given()
        .header("Authorization", "Bearer " + expired)
        .get("/api/v1/users/me")
        .then()
        .statusCode(401)
        .body("type", equalTo("/problems/unauthorized"));
  }

  @Test
  void aTokenSignedByAnotherKeyIsRefused() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    String forged =
        Jwt.issuer("agentry")
            .subject(UUID.randomUUID().toString())
            .expiresAt(Instant.now().plusSeconds(600))
            .jws()
            .keyId(registryKeyId())
            .sign(generator.generateKeyPair().getPrivate());
    given()
        .header("Authorization", "Bearer " + forged)
        .get("/api/v1/users/me")
        .then()
        .statusCode(401);
  }

  @Test
  void anApiKeyAndALoginTokenBothIdentifyTheUser() {
    TestUser user = TestUsers.register();
    user.withKey()
        .get("/api/v1/users/me")
        .then()
        .statusCode(200)
        .body("id", equalTo(user.id().toString()));
    user.withToken()
        .get("/api/v1/users/me")
        .then()
        .statusCode(200)
        .body("id", equalTo(user.id().toString()));
  }

  @Test
  void anApiKeyRevokedThroughTheGatewayStopsWorkingAtOnce() {
    TestUser user = TestUsers.register();
    Response created =
        user.withKey()
            .post("/api/v1/users/me/api-keys")
            .then()
            .statusCode(201)
            .extract()
            .response();
    String key = created.path("apiKey");
    String keyId = created.path("id");
    // Used first, so that the gateway remembers it.
    given().header("Authorization", "Bearer " + key).get("/api/v1/users/me").then().statusCode(200);
    given().header("Authorization", "Bearer " + key).get("/api/v1/users/me").then().statusCode(200);

    user.withKey().delete("/api/v1/users/me/api-keys/" + keyId).then().statusCode(204);

    given().header("Authorization", "Bearer " + key).get("/api/v1/users/me").then().statusCode(401);
    user.withKey().get("/api/v1/users/me").then().statusCode(200);
  }

  @Test
  void anotherUsersAgentCannotBeChanged() {
    TestUser owner = TestUsers.register();
    TestUser other = TestUsers.register();
    UUID agentId = TestAgents.create(owner);
    other
        .withKey()
        .contentType(ContentType.JSON)
        .body("{\"description\":\"mine now\"}")
        .patch("/api/v1/agents/" + agentId)
        .then()
        .statusCode(403)
        .contentType("application/problem+json")
        .body("type", equalTo("/problems/forbidden"));
  }

  @Test
  void registrationAndLoginNeedNoCredentials() {
    TestUser user = TestUsers.register();
    given()
        .contentType(ContentType.JSON)
        .body("{\"username\":\"" + user.username() + "\",\"password\":\"wrong password\"}")
        .post("/api/v1/users/login")
        .then()
        .statusCode(401)
        .body("type", equalTo("/problems/invalid-credentials"));
  }

  @Test
  void internalPathsOfTheServicesAreNotRouted() {
    TestUser user = TestUsers.register();
    for (String path :
        new String[] {
          "/api/v1/auth/token",
          "/api/v1/.well-known/jwks.json",
          "/api/v1/internal/x",
          "/api/v1/q/health"
        }) {
      user.withKey()
          .post(path)
          .then()
          .statusCode(404)
          .contentType("application/problem+json")
          .body("type", equalTo("/problems/not-found"));
    }
    user.withKey().get("/api/v1/agents/../auth/token").then().statusCode(404);
  }

  private static PrivateKey registryPrivateKey() throws Exception {
    String pem = Files.readString(DownstreamServices.registryKeyDir().resolve("private-key.pem"));
    return KeyUtils.decodePrivateKey(pem);
  }

  private static String registryKeyId() {
    return given()
        .get(DownstreamServices.registry().baseUrl() + "/.well-known/jwks.json")
        .then()
        .statusCode(200)
        .extract()
        .path("keys[0].kid");
  }
}
