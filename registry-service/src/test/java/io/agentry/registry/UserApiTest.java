package io.agentry.registry;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentry.localstack.LocalStackTestResource;
import io.agentry.registry.TestUsers.TestUser;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(
    value = LocalStackTestResource.class,
    initArgs = {
      @ResourceArg(name = "components", value = "postgres,kafka,s3"),
      @ResourceArg(name = "database", value = "registry")
    })
class UserApiTest {

  private static final String PROBLEM = "application/problem+json";
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void registeringReturnsTheUserAndAWorkingApiKey() {
    String username = "alice-" + UUID.randomUUID().toString().substring(0, 8);
    var response =
        given()
            .contentType(ContentType.JSON)
            .body(Map.of("username", username, "password", "s3cret-pass"))
            .post("/users/register")
            .then()
            .statusCode(201)
            .body("username", equalTo(username))
            .body("id", notNullValue())
            .body("createdAt", matchesPattern("\\d{4}-\\d\\d-\\d\\dT.*Z"))
            .body("apiKey", matchesPattern("agy_[A-Za-z0-9_-]{43}"))
            .extract();

    given()
        .header("Authorization", "Bearer " + response.path("apiKey"))
        .get("/users/me")
        .then()
        .statusCode(200)
        .body("id", equalTo(response.path("id")))
        .body("username", equalTo(username))
        .body("createdAt", equalTo(response.path("createdAt")));
  }

  @Test
  void aTakenUsernameIsAConflictWhateverItsCase() {
    TestUser user = TestUsers.register();
    for (String name : new String[] {user.username(), user.username().toUpperCase()}) {
      given()
          .contentType(ContentType.JSON)
          .body(Map.of("username", name, "password", "another-pass"))
          .post("/users/register")
          .then()
          .statusCode(409)
          .contentType(PROBLEM)
          .body("type", equalTo("/problems/username-taken"))
          .body("status", equalTo(409));
    }
  }

  @Test
  void invalidRegistrationFieldsAreAllNamed() {
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("username", "a!", "password", "short"))
        .post("/users/register")
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("type", equalTo("/problems/invalid-request"))
        .body("title", notNullValue())
        .body("detail", notNullValue())
        .body("errors.field", hasItem("username"))
        .body("errors.field", hasItem("password"));
    given()
        .contentType(ContentType.JSON)
        .body("{\"username\": 12345, \"password\": null}")
        .post("/users/register")
        .then()
        .statusCode(400)
        .body("errors", hasSize(2));
  }

  @Test
  void malformedJsonIsABadRequest() {
    given()
        .contentType(ContentType.JSON)
        .body("{\"username\": ")
        .post("/users/register")
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("type", equalTo("/problems/invalid-json"));
    given()
        .contentType(ContentType.JSON)
        .body("[1, 2]")
        .post("/users/login")
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("type", equalTo("/problems/invalid-request"));
    given()
        .contentType(ContentType.JSON)
        .post("/users/login")
        .then()
        .statusCode(400)
        .contentType(PROBLEM);
  }

  @Test
  void aBodyThatIsNotJsonIsAnUnsupportedMediaType() {
    given()
        .contentType(ContentType.TEXT)
        .body("username=bob")
        .post("/users/register")
        .then()
        .statusCode(415)
        .contentType(PROBLEM)
        .body("type", equalTo("/problems/unsupported-media-type"))
        .body(
            "detail",
            equalTo("This path takes application/json, not text/plain; charset=ISO-8859-1."));
  }

  @Test
  void aMethodAPathDoesNotTakeIsAnsweredWithTheMethodsItTakes() {
    TestUser user = TestUsers.register();
    given()
        .get("/users/register")
        .then()
        .statusCode(405)
        .contentType(PROBLEM)
        .header("Allow", "POST")
        .body("type", equalTo("/problems/method-not-allowed"))
        .body("detail", equalTo("This path takes POST, not GET."));
    user.request().put("/users/me/api-keys").then().statusCode(405).header("Allow", "GET, POST");
    user.request()
        .post("/agents/" + java.util.UUID.randomUUID())
        .then()
        .statusCode(405)
        .header("Allow", "GET, PATCH, DELETE");
  }

  @Test
  void loginReturnsAnRs256TokenThatTheJwksVerifies() throws Exception {
    TestUser user = TestUsers.register();
    var response =
        given()
            .contentType(ContentType.JSON)
            .body(Map.of("username", user.username(), "password", TestUsers.PASSWORD))
            .post("/users/login")
            .then()
            .statusCode(200)
            .extract();
    String token = response.path("token");
    Instant expiresAt = Instant.parse(response.path("expiresAt"));

    String[] parts = token.split("\\.");
    JsonNode header = decode(parts[0]);
    JsonNode claims = decode(parts[1]);
    assertEquals("RS256", header.get("alg").asText());
    assertEquals(user.id().toString(), claims.get("sub").asText());
    assertEquals(user.username(), claims.get("upn").asText());
    assertEquals("agentry", claims.get("iss").asText());
    assertEquals("user", claims.get("groups").get(0).asText());
    assertEquals(expiresAt.getEpochSecond(), claims.get("exp").asLong());
    Duration lifetime = Duration.between(Instant.now(), expiresAt);
    assertTrue(lifetime.compareTo(Duration.ofMinutes(59)) > 0, lifetime.toString());
    assertTrue(lifetime.compareTo(Duration.ofMinutes(61)) < 0, lifetime.toString());

    JsonNode jwk = jwkNamed(header.get("kid").asText());
    Signature rs256 = Signature.getInstance("SHA256withRSA");
    rs256.initVerify(publicKey(jwk));
    rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
    assertTrue(rs256.verify(Base64.getUrlDecoder().decode(parts[2])));

    given()
        .header("Authorization", "Bearer " + token)
        .get("/users/me")
        .then()
        .statusCode(200)
        .body("id", equalTo(user.id().toString()));
  }

  @Test
  void aWrongPasswordAndAnUnknownUserGetTheSame401() {
    TestUser user = TestUsers.register();
    for (var body :
        new Map<?, ?>[] {
          Map.of("username", user.username(), "password", "wrong-password"),
          Map.of("username", "nobody-" + UUID.randomUUID(), "password", TestUsers.PASSWORD)
        }) {
      given()
          .contentType(ContentType.JSON)
          .body(body)
          .post("/users/login")
          .then()
          .statusCode(401)
          .contentType(PROBLEM)
          .body("type", equalTo("/problems/invalid-credentials"));
    }
  }

  @Test
  void missingOrInvalidCredentialsAre401Problems() {
    String forged =
        base64Url("{\"alg\":\"RS256\",\"typ\":\"JWT\"}")
            + "."
            + base64Url("{\"sub\":\"" + UUID.randomUUID() + "\",\"iss\":\"agentry\"}")
            + "."
            + base64Url("not a signature");
    given()
        .get("/users/me")
        .then()
        .statusCode(401)
        .contentType(PROBLEM)
        .body("type", equalTo("/problems/unauthorized"));
    for (String token :
        new String[] {"garbage", "agy_short", "agy_" + "A".repeat(43), forged, "a.b.c"}) {
      given()
          .header("Authorization", "Bearer " + token)
          .get("/users/me")
          .then()
          .statusCode(401)
          .contentType(PROBLEM)
          .body("type", equalTo("/problems/unauthorized"))
          .body("detail", not(containsString("Exception")));
    }
  }

  @Test
  void apiKeysAreListedWithoutSecretsAndARevokedKeyFailsAtOnce() {
    TestUser user = TestUsers.register();
    var created =
        user.request()
            .post("/users/me/api-keys")
            .then()
            .statusCode(201)
            .body("apiKey", matchesPattern("agy_[A-Za-z0-9_-]{43}"))
            .extract();
    String secondKey = created.path("apiKey");
    String secondId = created.path("id");

    String listing =
        user.request()
            .get("/users/me/api-keys")
            .then()
            .statusCode(200)
            .body("items", hasSize(2))
            .body("items.id", hasItem(secondId))
            .body("items.prefix", hasItem(secondKey.substring(0, 10)))
            .extract()
            .asString();
    assertTrue(!listing.contains(secondKey) && !listing.contains(user.apiKey()), listing);

    given().header("Authorization", "Bearer " + secondKey).get("/users/me").then().statusCode(200);
    user.request().delete("/users/me/api-keys/" + secondId).then().statusCode(204);
    given()
        .header("Authorization", "Bearer " + secondKey)
        .get("/users/me")
        .then()
        .statusCode(401)
        .contentType(PROBLEM);
    user.request()
        .get("/users/me/api-keys")
        .then()
        .statusCode(200)
        .body("items.id", not(hasItem(secondId)));
  }

  @Test
  void revokingAKeyThatIsNotTheCallersIsNotFound() {
    TestUser owner = TestUsers.register();
    TestUser other = TestUsers.register();
    String keyId = owner.request().get("/users/me/api-keys").then().extract().path("items[0].id");

    other
        .request()
        .delete("/users/me/api-keys/" + keyId)
        .then()
        .statusCode(404)
        .contentType(PROBLEM)
        .body("type", equalTo("/problems/api-key-not-found"));
    other.request().delete("/users/me/api-keys/not-a-uuid").then().statusCode(404);
    owner.request().get("/users/me").then().statusCode(200);
  }

  @Test
  void apiKeyEndpointsNeedCredentials() {
    given().get("/users/me/api-keys").then().statusCode(401).contentType(PROBLEM);
    given().post("/users/me/api-keys").then().statusCode(401).contentType(PROBLEM);
    given()
        .delete("/users/me/api-keys/" + UUID.randomUUID())
        .then()
        .statusCode(401)
        .contentType(PROBLEM);
  }

  @Test
  void theTokenExchangeGivesAShortLivedTokenForTheKeysUser() throws Exception {
    TestUser user = TestUsers.register();
    var response = user.request().post("/auth/token").then().statusCode(200).extract();
    String token = response.path("token");
    Duration lifetime = Duration.between(Instant.now(), Instant.parse(response.path("expiresAt")));
    assertTrue(lifetime.compareTo(Duration.ofMinutes(5)) <= 0, lifetime.toString());
    assertEquals(user.id().toString(), decode(token.split("\\.")[1]).get("sub").asText());

    given().header("Authorization", "Bearer " + token).post("/auth/token").then().statusCode(200);
    given()
        .header("Authorization", "Bearer agy_" + "B".repeat(43))
        .post("/auth/token")
        .then()
        .statusCode(401)
        .contentType(PROBLEM);
  }

  @Test
  void theJwksNeedsNoCredentials() {
    given()
        .get("/.well-known/jwks.json")
        .then()
        .statusCode(200)
        .body("keys[0].kty", equalTo("RSA"))
        .body("keys[0].alg", equalTo("RS256"))
        .body("keys[0].kid", not(empty()));
  }

  @Test
  void anUnknownPathIsANotFoundProblem() {
    given().get("/no/such/path").then().statusCode(404);
  }

  private static JsonNode jwkNamed(String kid) throws Exception {
    JsonNode keys =
        JSON.readTree(given().get("/.well-known/jwks.json").then().extract().asString())
            .get("keys");
    for (JsonNode key : keys) {
      if (kid.equals(key.get("kid").asText())) {
        return key;
      }
    }
    throw new AssertionError("no key " + kid + " in " + keys);
  }

  private static PublicKey publicKey(JsonNode jwk) throws Exception {
    BigInteger n = new BigInteger(1, Base64.getUrlDecoder().decode(jwk.get("n").asText()));
    BigInteger e = new BigInteger(1, Base64.getUrlDecoder().decode(jwk.get("e").asText()));
    return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(n, e));
  }

  private static JsonNode decode(String part) throws Exception {
    return JSON.readTree(Base64.getUrlDecoder().decode(part));
  }

  private static String base64Url(String text) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
