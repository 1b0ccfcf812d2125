package io.agentry.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentry.gateway.support.DownstreamServices;
import io.agentry.gateway.support.TestUsers;
import io.agentry.gateway.support.TestUsers.TestUser;
import io.agentry.localstack.LocalStackTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Token audience, API key expiry, revoking all sessions and the re-checks of live streams, through
 * the gateway to a real registry and results service.
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

  @TestHTTPResource("/")
  URL gateway;

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

  @Test
  void aLiveStreamClosesWith1008SoonAfterItsApiKeyIsRevoked() throws Exception {
    TestUser user = TestUsers.register();
    TestUser other = TestUsers.register();
    var created = user.withKey().post("/api/v1/users/me/api-keys").then().statusCode(201);
    String key = created.extract().path("apiKey");
    String keyId = created.extract().path("id");
    try (Stream revoked = Stream.open(gateway, key);
        Stream othersStream = Stream.open(gateway, other.apiKey())) {
      Thread.sleep(1500);
      assertFalse(revoked.closed.isDone(), "closed before the revocation");

      user.withKey().delete("/api/v1/users/me/api-keys/" + keyId).then().statusCode(204);
      Instant revokedAt = Instant.now();

      Stream.Close close = revoked.closed.get(10, TimeUnit.SECONDS);
      Duration after = Duration.between(revokedAt, Instant.now());
      assertEquals(1008, close.code());
      assertTrue(close.reason().contains("the API key was revoked"), close.reason());
      assertTrue(after.compareTo(Duration.ofSeconds(4)) < 0, "closed " + after + " later");
      Thread.sleep(1500);
      assertFalse(othersStream.closed.isDone(), "another user's stream was closed");
    }
  }

  @Test
  void aLiveStreamClosesWith1008SoonAfterTheUsersSessionsAreRevoked() throws Exception {
    TestUser user = TestUsers.register();
    try (Stream byToken = Stream.open(gateway, user.token());
        Stream byKey = Stream.open(gateway, user.apiKey())) {
      Thread.sleep(1500);
      user.withKey().post("/api/v1/users/me/sessions/revoke").then().statusCode(204);

      Stream.Close close = byToken.closed.get(10, TimeUnit.SECONDS);
      assertEquals(1008, close.code());
      assertTrue(close.reason().contains("sessions were revoked"), close.reason());
      Thread.sleep(1500);
      assertFalse(byKey.closed.isDone(), "the API key's stream was closed");
    }
  }

  /** A WebSocket to /api/v1/events through the gateway, and how the server closed it. */
  private static final class Stream implements WebSocket.Listener, AutoCloseable {

    record Close(int code, String reason) {}

    final CompletableFuture<Close> closed = new CompletableFuture<>();
    private WebSocket socket;

    static Stream open(URL gateway, String credential) throws Exception {
      Stream stream = new Stream();
      URI uri =
          URI.create(
              gateway.toString().replaceFirst("^http", "ws")
                  + "api/v1/events?access_token="
                  + credential);
      stream.socket =
          HttpClient.newHttpClient()
              .newWebSocketBuilder()
              .buildAsync(uri, stream)
              .get(10, TimeUnit.SECONDS);
      return stream;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      closed.complete(new Close(statusCode, reason));
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      closed.complete(new Close(-1, String.valueOf(error)));
    }

    @Override
    public void close() {
      socket.abort();
    }
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
