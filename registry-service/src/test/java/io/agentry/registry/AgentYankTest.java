package io.agentry.registry;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agentry.localstack.LocalStackTestResource;
import io.agentry.registry.TestUsers.TestUser;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** An owner deprecates or yanks a version, with a reason users see. */
@QuarkusTest
@WithTestResource(
    value = LocalStackTestResource.class,
    initArgs = {
      @ResourceArg(name = "components", value = "postgres,kafka,s3"),
      @ResourceArg(name = "database", value = "registry")
    })
class AgentYankTest {

  private static final String PROBLEM = "application/problem+json";

  @Test
  void aYankedVersionLeavesSearchAndListsButStaysReadableByIdAndAmongVersions() {
    TestUser owner = TestUsers.register();
    String word = "yankword" + UUID.randomUUID().toString().substring(0, 8);
    Map<String, Object> first = TestAgents.metadata("Formats " + word + " text.");
    String v1 = TestAgents.create(owner, first);
    Map<String, Object> second = new HashMap<>(first);
    second.put("version", "1.0.1");
    String v2 = TestAgents.create(owner, second);

    patch(owner, v1, Map.of("status", "yanked", "statusReason", "  loses the last line  "))
        .statusCode(200)
        .body("status", equalTo("yanked"))
        .body("statusReason", equalTo("loses the last line"));

    assertEquals(List.of(v2), ids("/agents/search", Map.of("q", word)));
    assertEquals(List.of(v2), ids("/agents", Map.of("owner", owner.id())));
    assertEquals(List.of(v1), ids("/agents", Map.of("owner", owner.id(), "status", "yanked")));
    assertEquals(List.of(v2, v1), ids("/agents/" + v2 + "/versions", Map.of()));
    given()
        .get("/agents/" + v1)
        .then()
        .statusCode(200)
        .body("status", equalTo("yanked"))
        .body("statusReason", equalTo("loses the last line"));
  }

  @Test
  void aDeprecatedVersionStaysInSearchWithItsReasonAndUnyankingClearsTheReason() {
    TestUser owner = TestUsers.register();
    String word = "deprword" + UUID.randomUUID().toString().substring(0, 8);
    String id = TestAgents.create(owner, TestAgents.metadata("Counts " + word + "."));

    patch(owner, id, Map.of("status", "deprecated", "statusReason", "use 2.x"))
        .statusCode(200)
        .body("status", equalTo("deprecated"));
    assertEquals(List.of(id), ids("/agents/search", Map.of("q", word)));
    given().get("/agents/" + id).then().body("statusReason", equalTo("use 2.x"));

    patch(owner, id, Map.of("description", "Counts " + word + " better."))
        .statusCode(200)
        .body("statusReason", equalTo("use 2.x"));
    patch(owner, id, Map.of("status", "yanked")).statusCode(200).body("statusReason", nullValue());
    assertEquals(List.of(), ids("/agents/search", Map.of("q", word)));
    patch(owner, id, Map.of("status", "active")).statusCode(200).body("statusReason", nullValue());
    assertEquals(List.of(id), ids("/agents/search", Map.of("q", word)));
  }

  @Test
  void onlyTheOwnerYanksAndAReasonGoesOnlyWithDeprecatedOrYanked() {
    TestUser owner = TestUsers.register();
    String id = TestAgents.create(owner, TestAgents.metadata("guarded"));
    TestUser other = TestUsers.register();
    patch(other, id, Map.of("status", "yanked", "statusReason", "sabotage"))
        .statusCode(403)
        .contentType(PROBLEM)
        .body("type", equalTo("/problems/forbidden"));

    for (Map<String, Object> body :
        List.<Map<String, Object>>of(
            Map.of("statusReason", "no status"),
            Map.of("status", "active", "statusReason", "not a yank"),
            Map.of("status", "disabled", "statusReason", "not a yank"),
            Map.of("status", "yanked", "statusReason", "x".repeat(501)))) {
      patch(owner, id, body)
          .statusCode(400)
          .contentType(PROBLEM)
          .body("type", equalTo("/problems/invalid-request"))
          .body("errors.field", equalTo(List.of("statusReason")));
    }
    patch(owner, id, Map.of("status", "gone"))
        .statusCode(400)
        .body("errors[0].message", equalTo("must be active, deprecated, yanked or disabled"));
    given()
        .get("/agents/" + id)
        .then()
        .body("status", equalTo("active"))
        .body("statusReason", nullValue());
  }

  private static ValidatableResponse patch(TestUser user, String id, Map<String, Object> body) {
    return user.request().contentType("application/json").body(body).patch("/agents/" + id).then();
  }

  private static List<String> ids(String path, Map<String, Object> params) {
    return given()
        .queryParams(params)
        .get(path)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("items.id");
  }
}
