package io.agentry.registry;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentry.localstack.LocalStackTestResource;
import io.agentry.registry.TestUsers.TestUser;
import io.agentry.registry.security.SigningKeys;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Token audience, API key expiry and revoking all of a user's sessions. */
@QuarkusTest
@WithTestResource(
    value = LocalStackTestResource.class,
    initArgs = {
      @ResourceArg(name = "components", value = "postgres,kafka,s3"),
      @ResourceArg(name = "database", value = "registry")
    })
class SessionsTest {

  private static final String PROBLEM = "application/problem+json";
  private static final ObjectMapper JSON = new ObjectMapper();

  @Inject SigningKeys keys;

  @Test
  void tokensCarryTheAudienceAndOneSignedForAnotherAudienceIsRefused() throws Exception {
    TestUser user = TestUsers.register();
    String token = login(user);
    assertEquals("agentry-api", claims(token).get("aud").asText());
    assertEquals(0, claims(token).get("gen").asInt());

    for (String audience : new String[] {"another-service", null}) {
      String signed = sign(user, audience);
      given()
          .header("Authorization", "Bearer " + signed)
          .get("/users/me")
          .then()
          .statusCode(401)
          .contentType(PROBLEM)
          .body("type", equalTo("/problems/unauthorized"));
    }
    given()
        .header("Authorization", "Bearer " + sign(user, "agentry-api"))
        .get("/users/me")
        .then()
        .statusCode(200);
  }

  @Test
  void anApiKeyWithAnExpiryWorksUntilItAndIsRefusedAfter() {
    TestUser user = TestUsers.register();
    Instant expiresAt = Instant.now().plusSeconds(3).truncatedTo(ChronoUnit.MILLIS);
    var created =
        user.request()
            .contentType(ContentType.JSON)
            .body(Map.of("expiresAt", expiresAt.toString()))
            .post("/users/me/api-keys")
            .then()
            .statusCode(201)
            .body("expiresAt", equalTo(expiresAt.toString()))
            .extract();
    String key = created.path("apiKey");
    String keyId = created.path("id");
    user.request()
        .get("/users/me/api-keys")
        .then()
        .statusCode(200)
        .body("items.find { it.id == '" + keyId + "' }.expiresAt", equalTo(expiresAt.toString()))
        .body("items.find { it.id != '" + keyId + "' }.expiresAt", nullValue());
    given().header("Authorization", "Bearer " + key).get("/users/me").then().statusCode(200);
    String exchanged =
        given()
            .header("Authorization", "Bearer " + key)
            .post("/auth/token")
            .then()
            .statusCode(200)
            .extract()
            .path("token");

    sleepUntil(expiresAt.plusMillis(500));
    given().header("Authorization", "Bearer " + key).get("/users/me").then().statusCode(401);
    for (String credential : new String[] {key, exchanged}) {
      given()
          .header("Authorization", "Bearer " + credential)
          .post("/auth/token")
          .then()
          .statusCode(401)
          .contentType(PROBLEM);
    }
    user.request().get("/users/me/api-keys").then().body("items.id", not(hasItem(keyId)));
    user.request().get("/users/me").then().statusCode(200);
  }

  @Test
  void anExpiryMustLieAheadAndBeAnInstant() {
    TestUser user = TestUsers.register();
    for (Object value :
        new Object[] {
          Instant.now().minusSeconds(60).toString(),
          Instant.now().plus(Duration.ofDays(4000)).toString(),
          "tomorrow",
          42
        }) {
      user.request()
          .contentType(ContentType.JSON)
          .body(Map.of("expiresAt", value))
          .post("/users/me/api-keys")
          .then()
          .statusCode(400)
          .contentType(PROBLEM)
          .body("type", equalTo("/problems/invalid-request"))
          .body("errors[0].field", equalTo("expiresAt"));
    }
    user.request()
        .contentType(ContentType.JSON)
        .body(Map.of("expiresInYears", 1))
        .post("/users/me/api-keys")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("expiresInYears"));
    user.request()
        .contentType(ContentType.JSON)
        .body("{")
        .post("/users/me/api-keys")
        .then()
        .statusCode(400)
        .body("type", equalTo("/problems/invalid-json"));
    user.request()
        .get("/users/me/api-keys")
        .then()
        .body("items.size()", equalTo(1))
        .body("items[0].expiresAt", nullValue());
  }

  @Test
  void anExchangedTokenOfARevokedKeyIsRefused() {
    TestUser user = TestUsers.register();
    String keyId = user.request().get("/users/me/api-keys").then().extract().path("items[0].id");
    String exchanged = user.request().post("/auth/token").then().extract().path("token");
    assertEquals(keyId, claims(exchanged).get("keyId").asText());
    given().header("Authorization", "Bearer " + exchanged).get("/users/me").then().statusCode(200);

    user.request().delete("/users/me/api-keys/" + keyId).then().statusCode(204);

    given()
        .header("Authorization", "Bearer " + exchanged)
        .get("/users/me")
        .then()
        .statusCode(401)
        .contentType(PROBLEM);
  }

  @Test
  void revokingSessionsRefusesEveryEarlierLoginTokenButNotTheApiKeys() {
    TestUser user = TestUsers.register();
    TestUser other = TestUsers.register();
    String first = login(user);
    String second = login(user);
    String exchanged =
        given()
            .header("Authorization", "Bearer " + second)
            .post("/auth/token")
            .then()
            .statusCode(200)
            .extract()
            .path("token");
    String othersToken = login(other);

    given()
        .header("Authorization", "Bearer " + first)
        .post("/users/me/sessions/revoke")
        .then()
        .statusCode(204);

    for (String token : new String[] {first, second, exchanged}) {
      given()
          .header("Authorization", "Bearer " + token)
          .get("/users/me")
          .then()
          .statusCode(401)
          .contentType(PROBLEM)
          .body("type", equalTo("/problems/unauthorized"));
    }
    String fresh = login(user);
    assertEquals(1, claims(fresh).get("gen").asInt());
    given().header("Authorization", "Bearer " + fresh).get("/users/me").then().statusCode(200);
    user.request().get("/users/me").then().statusCode(200);
    given()
        .header("Authorization", "Bearer " + othersToken)
        .get("/users/me")
        .then()
        .statusCode(200);
  }

  @Test
  void theInternalCheckSaysWhetherACredentialStillWorksAndWhyNot() {
    TestUser user = TestUsers.register();
    String keyId = user.request().get("/users/me/api-keys").then().extract().path("items[0].id");
    given()
        .get("/internal/sessions/" + user.id() + "?generation=0&keyId=" + keyId)
        .then()
        .statusCode(200)
        .body("valid", equalTo(true));
    user.request().post("/users/me/sessions/revoke").then().statusCode(204);
    given()
        .get("/internal/sessions/" + user.id() + "?generation=0")
        .then()
        .body("valid", equalTo(false))
        .body("reason", containsString("sessions were revoked"));
    given()
        .get("/internal/sessions/" + user.id() + "?generation=1")
        .then()
        .body("valid", equalTo(true));
    user.request().delete("/users/me/api-keys/" + keyId).then().statusCode(204);
    given()
        .get("/internal/sessions/" + user.id() + "?generation=1&keyId=" + keyId)
        .then()
        .body("valid", equalTo(false))
        .body("reason", equalTo("the API key was revoked"));
    given()
        .get("/internal/sessions/" + UUID.randomUUID() + "?generation=0")
        .then()
        .body("valid", equalTo(false))
        .body("reason", equalTo("the user no longer exists"));
    given().get("/internal/sessions/nope").then().statusCode(400).contentType(PROBLEM);
  }

  private static void sleepUntil(Instant instant) {
    long millis = Duration.between(Instant.now(), instant).toMillis();
    if (millis > 0) {
      try {
        Thread.sleep(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  private static String login(TestUser user) {
    return given()
        .contentType(ContentType.JSON)
        .body(Map.of("username", user.username(), "password", TestUsers.PASSWORD))
        .post("/users/login")
        .then()
        .statusCode(200)
        .extract()
        .path("token");
  }

  private String sign(TestUser user, String audience) {
    var claims =
        Jwt.issuer("agentry")
            .subject(user.id().toString())
            .upn(user.username())
            .groups(Set.of("user"))
            .expiresIn(Duration.ofMinutes(5));
    if (audience != null) {
      claims.audience(audience);
    }
    return claims
        .jws()
        .algorithm(SignatureAlgorithm.RS256)
        .keyId(keys.keyId())
        .sign(keys.privateKey());
  }

  private static JsonNode claims(String token) {
    try {
      return JSON.readTree(
          new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
