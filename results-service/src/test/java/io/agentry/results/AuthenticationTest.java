package io.agentry.results;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentry.localstack.LocalStackTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.build.Jwt;
import java.net.URI;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(
    value = LocalStackTestResource.class,
    initArgs = {
      @ResourceArg(name = "components", value = "postgres,kafka"),
      @ResourceArg(name = "database", value = "results")
    })
class AuthenticationTest {

  private static final List<String> PATHS =
      List.of(
          "/tasks",
          "/tasks/results",
          "/tasks/" + UUID.randomUUID(),
          "/tasks/" + UUID.randomUUID() + "/results",
          "/tasks/" + UUID.randomUUID() + "/results/stdout");

  @TestHTTPResource("/")
  URI root;

  @Test
  void everyEndpointRefusesARequestWithoutAToken() {
    for (String path : PATHS) {
      given()
          .get(path)
          .then()
          .statusCode(401)
          .contentType("application/problem+json")
          .header("WWW-Authenticate", "Bearer")
          .body("type", equalTo("/problems/unauthorized"))
          .body("status", equalTo(401));
    }
  }

  @Test
  void anAgentsStatisticsArePublicAndNeedNoToken() {
    given()
        .get("/agents/" + UUID.randomUUID() + "/stats")
        .then()
        .statusCode(200)
        .body("tasksCompleted", equalTo(0));
  }

  @Test
  void anExpiredTokenIsRefused() {
    assertRefused(Tokens.expired(UUID.randomUUID()));
  }

  @Test
  void aTokenOfAnotherIssuerIsRefused() {
    assertRefused(Tokens.otherIssuer(UUID.randomUUID()));
  }

  @Test
  void aTokenForAnotherAudienceOrNoneIsRefused() {
    UUID user = UUID.randomUUID();
    assertRefused(Tokens.forAudience(user, "another-service"));
    assertRefused(Tokens.forAudience(user, null));
  }

  @Test
  void aTokenSignedByAnotherKeyIsRefused() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    String forged =
        Jwt.issuer("agentry")
            .subject(UUID.randomUUID().toString())
            .upn("mallory")
            .expiresIn(Duration.ofHours(1))
            .sign(generator.generateKeyPair().getPrivate());
    assertRefused(forged);
  }

  @Test
  void aTokenWhoseSubjectIsNotAUserIdIsRefused() {
    assertRefused(
        Jwt.issuer("agentry")
            .audience("agentry-api")
            .subject("admin")
            .upn("admin")
            .expiresIn(Duration.ofHours(1))
            .sign());
  }

  @Test
  void anApiKeyIsNotAcceptedDirectly() {
    assertRefused("agy_0123456789abcdef0123456789abcdef");
  }

  @Test
  void healthAndOpenApiNeedNoTokenAndTheDocumentListsEveryEndpoint() {
    given().get("/q/health/live").then().statusCode(200);
    String document = given().get("/q/openapi").then().statusCode(200).extract().asString();
    for (String path :
        List.of(
            "/tasks:",
            "/tasks/results:",
            "/tasks/{id}:",
            "/tasks/{id}/results:",
            "/tasks/{id}/results/stdout:",
            "/tasks/{id}/results/stderr:",
            "/agents/{id}/stats:")) {
      assertTrue(document.contains(path), "the OpenAPI document lacks " + path);
    }
  }

  @Test
  void aRefusedUpgradeIsAProblemDocument() {
    given()
        .header("Connection", "Upgrade")
        .header("Upgrade", "websocket")
        .header("Sec-WebSocket-Version", "13")
        .header("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==")
        .queryParam("access_token", "not-a-token")
        .get("/events")
        .then()
        .statusCode(401)
        .contentType("application/problem+json")
        .header("WWW-Authenticate", "Bearer")
        .body("type", equalTo("/problems/unauthorized"));
  }

  @Test
  void aTaskStreamWhoseIdIsNotATaskIdIsRefusedWith404() {
    String token = Tokens.forUser(UUID.randomUUID());
    for (String id :
        new String[] {"not-a-task", "..%2F..%2Fevents", "%00", UUID.randomUUID() + "x"}) {
      given()
          .urlEncodingEnabled(false)
          .header("Connection", "Upgrade")
          .header("Upgrade", "websocket")
          .header("Sec-WebSocket-Version", "13")
          .header("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==")
          .header("Authorization", "Bearer " + token)
          .get("/tasks/" + id + "/events")
          .then()
          .statusCode(404)
          .contentType("application/problem+json")
          .body("type", equalTo("/problems/task-not-found"));
    }
  }

  @Test
  void theWebSocketUpgradeWithoutCredentialsIsRefusedWith401() throws Exception {
    String ws = root.toString().replaceFirst("^http", "ws");
    assertEquals(401, LiveClient.refusedStatus(URI.create(ws + "events"), null));
    assertEquals(
        401,
        LiveClient.refusedStatus(URI.create(ws + "tasks/" + UUID.randomUUID() + "/events"), null));
    assertEquals(
        401,
        LiveClient.refusedStatus(
            URI.create(ws + "events?access_token=" + Tokens.expired(UUID.randomUUID())), null));
    assertEquals(
        401,
        LiveClient.refusedStatus(URI.create(ws + "events"), Tokens.otherIssuer(UUID.randomUUID())));
  }

  private static void assertRefused(String token) {
    given()
        .header("Authorization", "Bearer " + token)
        .get("/tasks")
        .then()
        .statusCode(401)
        .contentType("application/problem+json")
        .header("WWW-Authenticate", "Bearer")
        .body("type", equalTo("/problems/unauthorized"));
  }
}
