package io.agentry.gateway.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentry.gateway.support.DownstreamServices;
import io.agentry.gateway.support.TestUsers;
import io.agentry.localstack.LocalStackTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Browser sessions: sign-up and sign-in set an HttpOnly, SameSite=Strict cookie that the gateway
 * maps to the same identity as a bearer token; requests with it are accepted only from the
 * gateway's own origin, and only with the session's CSRF token when they change something; sign-out
 * ends it.
 */
@QuarkusTest
@WithTestResource(
    value = LocalStackTestResource.class,
    initArgs = {
      @ResourceArg(name = "components", value = DownstreamServices.COMPONENTS),
      @ResourceArg(name = "database", value = "gateway")
    })
@WithTestResource(DownstreamServices.class)
class WebSessionTest {

  @TestHTTPResource("/")
  URL gateway;

  @Inject Pool database;

  /** A signed-in browser: its cookie and its CSRF token. */
  private record Browser(String username, String cookie, String csrf, String apiKey) {}

  private String origin() {
    return "http://" + gateway.getHost() + ":" + gateway.getPort();
  }

  private Browser signUp() {
    String username = "w-" + UUID.randomUUID().toString().substring(0, 18);
    Response response =
        given()
            .header("Origin", origin())
            .contentType(ContentType.JSON)
            .body(Map.of("username", username, "password", TestUsers.PASSWORD))
            .post("/session/register")
            .then()
            .statusCode(201)
            .body("signedIn", equalTo(true))
            .body("username", equalTo(username))
            .body("apiKey", startsWith("agy_"))
            .extract()
            .response();
    return new Browser(
        username,
        response.getCookie(SessionCookie.NAME),
        response.path("csrfToken"),
        response.path("apiKey"));
  }

  private RequestSpecification as(Browser browser) {
    return given().cookie(SessionCookie.NAME, browser.cookie());
  }

  @Test
  void signUpSetsAnHttpOnlyStrictCookieThatIsNotSecureOverPlainHttp() {
    String username = "w-" + UUID.randomUUID().toString().substring(0, 18);
    String header =
        given()
            .contentType(ContentType.JSON)
            .body(Map.of("username", username, "password", TestUsers.PASSWORD))
            .post("/session/register")
            .then()
            .statusCode(201)
            .extract()
            .header("Set-Cookie");
    assertTrue(header.startsWith(SessionCookie.NAME + "="), header);
    assertTrue(header.toLowerCase(java.util.Locale.ROOT).contains("; httponly"), header);
    assertTrue(header.contains("SameSite=Strict"), header);
    assertTrue(header.contains("Path=/"), header);
    assertTrue(header.contains("Max-Age="), header);
    assertFalse(header.toLowerCase(java.util.Locale.ROOT).contains("secure"), header);
  }

  @Test
  void behindATrustedProxyOverHttpsTheCookieIsSecure() {
    String username = "w-" + UUID.randomUUID().toString().substring(0, 18);
    String header =
        given()
            .header("X-Forwarded-Proto", "https")
            .contentType(ContentType.JSON)
            .body(Map.of("username", username, "password", TestUsers.PASSWORD))
            .post("/session/register")
            .then()
            .statusCode(201)
            .extract()
            .header("Set-Cookie");
    assertTrue(header.toLowerCase(java.util.Locale.ROOT).contains("; secure"), header);
  }

  @Test
  void theCookieIsTheSameIdentityAsTheUsersApiKey() {
    Browser browser = signUp();
    String bySession =
        as(browser).get("/api/v1/users/me").then().statusCode(200).extract().path("id");
    String byKey =
        given()
            .header("Authorization", "Bearer " + browser.apiKey())
            .get("/api/v1/users/me")
            .then()
            .statusCode(200)
            .extract()
            .path("id");
    assertEquals(byKey, bySession);
    as(browser)
        .get("/session")
        .then()
        .statusCode(200)
        .body("signedIn", equalTo(true))
        .body("userId", equalTo(byKey))
        .body("csrfToken", equalTo(browser.csrf()));
  }

  @Test
  void signInWithTheRightPasswordOpensASessionAndAWrongOneIsTheRegistrysProblem() {
    Browser first = signUp();
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("username", first.username(), "password", "not the password"))
        .post("/session")
        .then()
        .statusCode(401)
        .contentType("application/problem+json")
        .header("Set-Cookie", equalTo(null));
    String cookie =
        given()
            .contentType(ContentType.JSON)
            .body(Map.of("username", first.username(), "password", TestUsers.PASSWORD))
            .post("/session")
            .then()
            .statusCode(200)
            .body("username", equalTo(first.username()))
            .extract()
            .cookie(SessionCookie.NAME);
    given()
        .cookie(SessionCookie.NAME, cookie)
        .get("/api/v1/users/me")
        .then()
        .statusCode(200)
        .body("username", equalTo(first.username()));
  }

  @Test
  void aStateChangeWithTheCookieNeedsTheCsrfToken() {
    Browser browser = signUp();
    as(browser)
        .post("/api/v1/users/me/api-keys")
        .then()
        .statusCode(403)
        .contentType("application/problem+json")
        .body("type", equalTo("/problems/cross-site-request"));
    as(browser)
        .header("X-CSRF-Token", "forged")
        .post("/api/v1/users/me/api-keys")
        .then()
        .statusCode(403);
    as(browser)
        .header("X-CSRF-Token", signUp().csrf())
        .post("/api/v1/users/me/api-keys")
        .then()
        .statusCode(403);
    // Only the first key (from sign-up) exists: nothing was created.
    as(browser)
        .get("/api/v1/users/me/api-keys")
        .then()
        .statusCode(200)
        .body("items.size()", equalTo(1));
    as(browser)
        .header("Origin", origin())
        .header("Sec-Fetch-Site", "same-origin")
        .header("X-CSRF-Token", browser.csrf())
        .post("/api/v1/users/me/api-keys")
        .then()
        .statusCode(201)
        .body("apiKey", startsWith("agy_"));
  }

  @Test
  void aRequestFromAnotherOriginCannotUseTheSessionEvenWithItsToken() {
    Browser browser = signUp();
    for (Map<String, String> headers :
        new Map[] {
          Map.of("Origin", "http://127.0.0.1:1"),
          Map.of("Origin", "null"),
          Map.of("Sec-Fetch-Site", "cross-site"),
          Map.of("Sec-Fetch-Site", "same-site"),
        }) {
      as(browser)
          .headers(headers)
          .header("X-CSRF-Token", browser.csrf())
          .post("/api/v1/users/me/api-keys")
          .then()
          .statusCode(403)
          .body("type", equalTo("/problems/cross-site-request"));
      as(browser).headers(headers).get("/api/v1/users/me").then().statusCode(403);
      // What anyone may read stays readable: the cookie is just not used.
      as(browser).headers(headers).get("/api/v1/agents?limit=1").then().statusCode(200);
      as(browser).headers(headers).get("/session").then().body("signedIn", equalTo(false));
    }
    as(browser).get("/api/v1/users/me/api-keys").then().body("items.size()", equalTo(1));
  }

  @Test
  void aSignInFromAnotherOriginIsRefused() {
    Browser browser = signUp();
    given()
        .header("Origin", "http://127.0.0.1:1")
        .contentType(ContentType.JSON)
        .body(Map.of("username", browser.username(), "password", TestUsers.PASSWORD))
        .post("/session")
        .then()
        .statusCode(403)
        .header("Set-Cookie", equalTo(null));
    // A plain HTML form cannot send JSON: refused before anything is checked.
    given()
        .contentType(ContentType.URLENC)
        .formParam("username", browser.username())
        .formParam("password", TestUsers.PASSWORD)
        .post("/session")
        .then()
        .statusCode(415);
  }

  @Test
  void signOutEndsTheSessionEverywhereItIsUsed() {
    Browser browser = signUp();
    as(browser).get("/api/v1/users/me").then().statusCode(200);
    as(browser).delete("/session").then().statusCode(403);
    as(browser)
        .header("X-CSRF-Token", browser.csrf())
        .delete("/session")
        .then()
        .statusCode(204)
        .header("Set-Cookie", startsWith(SessionCookie.NAME + "=;"));
    as(browser)
        .get("/api/v1/users/me")
        .then()
        .statusCode(401)
        .body("detail", equalTo("Your session has ended; sign in again."));
    as(browser).get("/session").then().body("signedIn", equalTo(false));
    // A public read still works with the dead cookie, as an anonymous one.
    as(browser).get("/api/v1/agents?limit=1").then().statusCode(200);
    // The user's API key is not affected.
    given()
        .header("Authorization", "Bearer " + browser.apiKey())
        .get("/api/v1/users/me")
        .then()
        .statusCode(200);
  }

  @Test
  void revokingTheUsersSessionsEndsTheBrowsersSessionButNotAnotherUsers() {
    Browser browser = signUp();
    Browser bystander = signUp();
    as(browser).get("/api/v1/tasks").then().statusCode(200);

    given()
        .header("Authorization", "Bearer " + browser.apiKey())
        .post("/api/v1/users/me/sessions/revoke")
        .then()
        .statusCode(204);

    as(browser)
        .get("/api/v1/tasks")
        .then()
        .statusCode(401)
        .body("detail", equalTo("Your session has ended; sign in again."));
    as(browser)
        .header("X-CSRF-Token", browser.csrf())
        .contentType(ContentType.JSON)
        .body("{\"agentId\":\"" + UUID.randomUUID() + "\"}")
        .post("/api/v1/tasks")
        .then()
        .statusCode(401);
    as(bystander).get("/api/v1/tasks").then().statusCode(200);
    given()
        .header("Authorization", "Bearer " + browser.apiKey())
        .get("/api/v1/users/me")
        .then()
        .statusCode(200);
  }

  @Test
  void aHugeOrUnboundedSignInBodyIsRefusedBeforeItIsRead() throws Exception {
    given()
        .contentType(ContentType.JSON)
        .body("{\"username\":\"" + "x".repeat(SessionBodyLimit.MAX_BYTES) + "\"}")
        .post("/session")
        .then()
        .statusCode(413)
        .body("type", equalTo("/problems/request-too-large"));
    // A body of unknown length (chunked) could be anything up to the platform's limit.
    java.net.http.HttpResponse<String> chunked =
        java.net.http.HttpClient.newBuilder()
            .version(java.net.http.HttpClient.Version.HTTP_1_1)
            .build()
            .send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(gateway + "session/register"))
                    .header("Content-Type", "application/json")
                    .POST(
                        java.net.http.HttpRequest.BodyPublishers.ofInputStream(
                            () ->
                                new java.io.ByteArrayInputStream(
                                    "{}".getBytes(StandardCharsets.UTF_8))))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    assertEquals(413, chunked.statusCode(), chunked.body());
    // The gateway is fine: a normal sign-up still works.
    signUp();
  }

  @Test
  void aForgedOrMalformedCookieIsRefused() {
    given()
        .cookie(SessionCookie.NAME, "A".repeat(43))
        .get("/api/v1/users/me")
        .then()
        .statusCode(401);
    given()
        .cookie(SessionCookie.NAME, "'; DROP TABLE web_sessions; --")
        .get("/api/v1/users/me")
        .then()
        .statusCode(401);
  }

  @Test
  void theDatabaseAloneHoldsNothingToSignInWith() {
    Browser browser = signUp();
    Row row =
        database
            .query(
                "SELECT id_hash, sealed_token FROM web_sessions ORDER BY created_at DESC LIMIT 1")
            .execute()
            .await()
            .indefinitely()
            .iterator()
            .next();
    String sealed =
        new String(row.getBuffer("sealed_token").getBytes(), StandardCharsets.ISO_8859_1);
    assertFalse(sealed.contains("eyJ"), "the login token is stored in the clear");
    String hash = new String(row.getBuffer("id_hash").getBytes(), StandardCharsets.ISO_8859_1);
    assertFalse(hash.contains(browser.cookie()));
    assertNotNull(browser.csrf());
    // The stored hash used as a cookie opens nothing.
    given()
        .cookie(
            SessionCookie.NAME,
            java.util.Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(row.getBuffer("id_hash").getBytes()))
        .get("/api/v1/users/me")
        .then()
        .statusCode(401);
  }

  @Test
  void theCookieAuthenticatesTheGatewaysOwnEndpointsWithTheToken() {
    Browser browser = signUp();
    as(browser)
        .header("X-CSRF-Token", browser.csrf())
        .contentType(ContentType.JSON)
        .body("{\"agentId\":\"" + UUID.randomUUID() + "\"}")
        .post("/api/v1/tasks")
        .then()
        .statusCode(404)
        .body("type", equalTo("/problems/agent-not-found"));
    as(browser)
        .contentType(ContentType.JSON)
        .body("{\"agentId\":\"" + UUID.randomUUID() + "\"}")
        .post("/api/v1/tasks")
        .then()
        .statusCode(403);
  }
}
