package io.agentry.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.agentry.gateway.support.DownstreamServices;
import io.agentry.gateway.support.TestUsers;
import io.agentry.gateway.support.TestUsers.TestUser;
import io.agentry.localstack.LocalStackTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Token audience, API key expiry and revoking all sessions, through the gateway to a real registry.
 */
@QuarkusTest
@WithTestResource(
    value = LocalStackTestResource.class,
    initArgs = {
      @ResourceArg(name = "components", value = DownstreamServices.COMPONENTS),
      @ResourceArg(name = "database", value = "gateway")
    })
@WithTestResource(DownstreamServices.class)
class SessionsTest {

  @Test
  void aRegistryTokenForAnotherAudienceIsRefused() throws Exception {
    TestUser user = TestUsers.register();
    given()
        .header("Authorization", "Bearer " + signed(user, "another-service"))
        .get("/api/v1/users/me")
        .then()
        .statusCode(401)
        .contentType("application/problem+json")
        .body("type", equalTo("/problems/unauthorized"));
    given()
        .header("Authorization", "Bearer " + signed(user, "agentry-api"))
        .get("/api/v1/users/me")
        .then()
        .statusCode(200)
        .body("id", equalTo(user.id().toString()));
  }

  @Test
  void revokingAllSessionsRefusesEveryEarlierLoginTokenAtOnceButNoApiKey() {
    TestUser user = TestUsers.register();
    TestUser other = TestUsers.register();
    String second = TestUsers.login(user.username());
    user.withToken().get("/api/v1/users/me").then().statusCode(200);
    given()
        .header("Authorization", "Bearer " + second)
        .get("/api/v1/agents")
        .then()
        .statusCode(200);

    user.withToken().post("/api/v1/users/me/sessions/revoke").then().statusCode(204);

    for (String token : new String[] {user.token(), second}) {
      given()
          .header("Authorization", "Bearer " + token)
          .get("/api/v1/users/me")
          .then()
          .statusCode(401)
          .contentType("application/problem+json")
          .body("type", equalTo("/problems/unauthorized"))
          .body("detail", containsString("sessions were revoked"));
    }
    user.withKey().get("/api/v1/users/me").then().statusCode(200);
    given()
        .header("Authorization", "Bearer " + TestUsers.login(user.username()))
        .get("/api/v1/users/me")
        .then()
        .statusCode(200);
    other.withToken().get("/api/v1/users/me").then().statusCode(200);
  }

  @Test
  void anApiKeyWithAnExpiryIsRefusedOnceItExpired() throws Exception {
    TestUser user = TestUsers.register();
    Instant expiresAt = Instant.now().plusSeconds(3);
    String key =
        user.withKey()
            .contentType(ContentType.JSON)
            .body(Map.of("expiresAt", expiresAt.toString()))
            .post("/api/v1/users/me/api-keys")
            .then()
            .statusCode(201)
            .extract()
            .path("apiKey");
    given().header("Authorization", "Bearer " + key).get("/api/v1/agents").then().statusCode(200);

    // Past the expiry and the gateway's API key cache (2 s in tests), the key is refused.
    Thread.sleep(Duration.between(Instant.now(), expiresAt).plusSeconds(3).toMillis());
    given()
        .header("Authorization", "Bearer " + key)
        .get("/api/v1/agents")
        .then()
        .statusCode(401)
        .body("type", equalTo("/problems/unauthorized"));
    user.withKey().get("/api/v1/agents").then().statusCode(200);
  }

  private static String signed(TestUser user, String audience) throws Exception {
    String pem = Files.readString(DownstreamServices.registryKeyDir().resolve("private-key.pem"));
    String keyId =
        given()
            .get(DownstreamServices.registry().baseUrl() + "/.well-known/jwks.json")
            .then()
            .extract()
            .path("keys[0].kid");
    return Jwt.issuer("agentry")
        .audience(audience)
        .subject(user.id().toString())
        .upn(user.username())
        .groups(Set.of("user"))
        .expiresAt(Instant.now().plusSeconds(600))
        .jws()
        .keyId(keyId)
        .sign(KeyUtils.decodePrivateKey(pem));
  }
}
