package io.agentry.registry;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.agentry.localstack.LocalStackTestResource;
import io.agentry.registry.TestUsers.TestUser;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Agent secrets: owner only, never returned, encrypted in the database. */
@QuarkusTest
@WithTestResource(
    value = LocalStackTestResource.class,
    initArgs = {
      @ResourceArg(name = "components", value = "postgres,kafka,s3"),
      @ResourceArg(name = "database", value = "registry")
    })
class AgentSecretsTest {

  private static final String PROBLEM = "application/problem+json";

  @Inject Pool pool;

  @Test
  void theOwnerSetsListsAndRemovesSecretsAndNoAnswerCarriesAValue() {
    TestUser owner = TestUsers.register();
    String id = TestAgents.create(owner, TestAgents.metadata("x"));
    String value = "sk-" + UUID.randomUUID();

    String put =
        put(owner, id, "API_KEY", value)
            .statusCode(200)
            .body("name", equalTo("API_KEY"))
            .body("updatedAt", notNullValue())
            .extract()
            .asString();
    String list =
        owner
            .request()
            .get("/agents/" + id + "/secrets")
            .then()
            .statusCode(200)
            .body("items", hasSize(1))
            .body("items[0].name", equalTo("API_KEY"))
            .extract()
            .asString();
    String agent = owner.request().get("/agents/" + id).then().statusCode(200).extract().asString();

    assertFalse(put.contains(value));
    assertFalse(list.contains(value));
    assertFalse(agent.contains(value));
    owner.request().delete("/agents/" + id + "/secrets/API_KEY").then().statusCode(204);
    owner
        .request()
        .delete("/agents/" + id + "/secrets/API_KEY")
        .then()
        .statusCode(404)
        .contentType(PROBLEM)
        .body("type", equalTo("/problems/secret-not-found"));
  }

  @Test
  void theDatabaseHoldsOnlyCiphertext() {
    TestUser owner = TestUsers.register();
    String id = TestAgents.create(owner, TestAgents.metadata("x"));
    String value = "plain-" + UUID.randomUUID();
    put(owner, id, "TOKEN", value).statusCode(200);

    Row row =
        pool.preparedQuery(
                "SELECT name, key_id, nonce, ciphertext, row_to_json(s)::text AS whole"
                    + " FROM agent_secrets s WHERE owner_id = $1")
            .execute(Tuple.of(owner.id()))
            .await()
            .indefinitely()
            .iterator()
            .next();

    byte[] ciphertext = row.getBuffer("ciphertext").getBytes();
    assertEquals("TOKEN", row.getString("name"));
    assertEquals(12, row.getBuffer("nonce").length());
    assertEquals(value.length() + 16, ciphertext.length); // GCM: same length plus the tag
    assertFalse(new String(ciphertext, StandardCharsets.ISO_8859_1).contains(value));
    assertFalse(row.getString("whole").contains(value));
  }

  /** Hostile: another user tries to read, overwrite and remove the owner's secret. */
  @Test
  void anotherUserCanNeitherListNorSetNorRemoveTheOwnersSecrets() {
    TestUser owner = TestUsers.register();
    TestUser other = TestUsers.register();
    String id = TestAgents.create(owner, TestAgents.metadata("x"));
    put(owner, id, "API_KEY", "owners-value").statusCode(200);
    String before = ciphertext(owner);

    other.request().get("/agents/" + id + "/secrets").then().statusCode(403).contentType(PROBLEM);
    put(other, id, "API_KEY", "attacker").statusCode(403).contentType(PROBLEM);
    put(other, id, "NEW_ONE", "attacker").statusCode(403);
    other.request().delete("/agents/" + id + "/secrets/API_KEY").then().statusCode(403);
    given().get("/agents/" + id + "/secrets").then().statusCode(401);

    assertEquals(before, ciphertext(owner));
    owner
        .request()
        .get("/agents/" + id + "/secrets")
        .then()
        .body("items.name", equalTo(List.of("API_KEY")));
  }

  /** Hostile: the internal path hands values only to a caller with the executors' token. */
  @Test
  void onlyAnExecutorWithTheTokenReadsTheValuesForARun() {
    TestUser owner = TestUsers.register();
    String id = TestAgents.create(owner, TestAgents.metadata("x"));
    String value = "sk-" + UUID.randomUUID();
    put(owner, id, "API_KEY", value).statusCode(200);

    given()
        .header("X-Agentry-Executor-Token", "test-executor-token")
        .get("/internal/agents/" + id + "/secrets")
        .then()
        .statusCode(200)
        .body("API_KEY", equalTo(value));
    given().get("/internal/agents/" + id + "/secrets").then().statusCode(403).contentType(PROBLEM);
    given()
        .header("X-Agentry-Executor-Token", "test-executor-tokeN")
        .get("/internal/agents/" + id + "/secrets")
        .then()
        .statusCode(403);
    owner.request().get("/internal/agents/" + id + "/secrets").then().statusCode(403);
  }

  @Test
  void theGatewayReadsTheNamesOfAnAgentsSecretsAndNoValue() {
    TestUser owner = TestUsers.register();
    String id = TestAgents.create(owner, TestAgents.metadata("x"));
    String value = "sk-" + UUID.randomUUID();
    put(owner, id, "TOKEN", value).statusCode(200);
    put(owner, id, "API_KEY", value).statusCode(200);

    String answer =
        given()
            .get("/internal/agents/" + id + "/secrets/names")
            .then()
            .statusCode(200)
            .body("names", equalTo(List.of("API_KEY", "TOKEN")))
            .extract()
            .asString();
    assertFalse(answer.contains(value));
    given()
        .get("/internal/agents/" + UUID.randomUUID() + "/secrets/names")
        .then()
        .statusCode(404)
        .contentType(PROBLEM);
  }

  @Test
  void everyVersionOfTheAgentSeesTheSameSecrets() {
    TestUser owner = TestUsers.register();
    Map<String, Object> first = TestAgents.metadata("x");
    String firstId = TestAgents.create(owner, first);
    Map<String, Object> second = new HashMap<>(first);
    second.put("version", "2.0.0");
    String secondId = TestAgents.create(owner, second);

    put(owner, firstId, "SHARED", "v").statusCode(200);

    owner
        .request()
        .get("/agents/" + secondId + "/secrets")
        .then()
        .body("items.name", equalTo(List.of("SHARED")));
  }

  @Test
  void badNamesValuesAndTheThirtyThirdSecretAreRefused() {
    TestUser owner = TestUsers.register();
    String id = TestAgents.create(owner, TestAgents.metadata("x"));

    put(owner, id, "lower", "v").statusCode(400).contentType(PROBLEM);
    put(owner, id, "9LIVES", "v").statusCode(400);
    put(owner, id, "BIG", "x".repeat(4097))
        .statusCode(400)
        .body("errors.field", equalTo(List.of("value")));
    owner
        .request()
        .contentType("application/json")
        .body("{\"value\":\"v\",\"extra\":1}")
        .put("/agents/" + id + "/secrets/OK")
        .then()
        .statusCode(400);
    for (int i = 0; i < 32; i++) {
      put(owner, id, "S" + i, "v").statusCode(200);
    }
    put(owner, id, "S0", "replaced").statusCode(200);
    put(owner, id, "S32", "v").statusCode(409).body("type", equalTo("/problems/too-many-secrets"));
  }

  private static io.restassured.response.ValidatableResponse put(
      TestUser user, String id, String name, String value) {
    return user.request()
        .contentType("application/json")
        .body(Map.of("value", value))
        .put("/agents/" + id + "/secrets/" + name)
        .then();
  }

  private String ciphertext(TestUser owner) {
    Row row =
        pool.preparedQuery("SELECT ciphertext FROM agent_secrets WHERE owner_id = $1")
            .execute(Tuple.of(owner.id()))
            .await()
            .indefinitely()
            .iterator()
            .next();
    return java.util.HexFormat.of().formatHex(row.getBuffer("ciphertext").getBytes());
  }
}
