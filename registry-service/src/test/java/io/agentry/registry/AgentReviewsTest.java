package io.agentry.registry;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.agentry.localstack.LocalStackTestResource;
import io.agentry.registry.TestUsers.TestUser;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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
class AgentReviewsTest {

  private static final String PROBLEM = "application/problem+json";

  @Inject Pool pool;

  @Test
  void aReviewNamesItsAuthorScoreTextAndTheVersionTheyRanLast() {
    TestUser owner = TestUsers.register();
    Map<String, Object> first = TestAgents.metadata("reviewed");
    String v1 = TestAgents.create(owner, first);
    Map<String, Object> second = new HashMap<>(first);
    second.put("version", "2.0.0");
    String v2 = TestAgents.create(owner, second);
    TestUser reviewer = TestUsers.register();
    TestRuns.ran(reviewer, v1, pool);
    TestRuns.ran(reviewer, v2, pool);

    rate(reviewer, v1, Map.of("score", 4, "review", "  Fast and <b>exact</b>.\nWould run again.  "))
        .statusCode(200)
        .body("ratingCount", equalTo(1))
        .body("reviewCount", equalTo(1));

    JsonPath page = reviews(v1, Map.of());
    assertEquals(1, page.getList("items").size());
    assertEquals(reviewer.username(), page.getString("items[0].username"));
    assertEquals(4, page.getInt("items[0].score"));
    assertEquals("Fast and <b>exact</b>.\nWould run again.", page.getString("items[0].review"));
    assertEquals("2.0.0", page.getString("items[0].version"));
    assertNull(page.get("items[0].userId"));
    assertNull(page.get("nextCursor"));
    owner.request().get("/agents/" + v1).then().body("reviewCount", equalTo(1));
  }

  @Test
  void reviewsAreNewestFirstInPagesAndScoresWithoutTextAreNotListed() {
    TestUser owner = TestUsers.register();
    String id = TestAgents.create(owner, TestAgents.metadata("many reviews"));
    List<String> newestFirst = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      TestUser reviewer = TestUsers.register();
      TestRuns.ran(reviewer, id, pool);
      rate(reviewer, id, Map.of("score", 1 + i, "review", "review " + i)).statusCode(200);
      newestFirst.add(0, "review " + i);
    }
    TestUser silent = TestUsers.register();
    TestRuns.ran(silent, id, pool);
    rate(silent, id, Map.of("score", 5)).statusCode(200).body("reviewCount", equalTo(5));

    List<String> seen = new ArrayList<>();
    String cursor = null;
    do {
      JsonPath page =
          reviews(id, cursor == null ? Map.of("limit", 2) : Map.of("limit", 2, "cursor", cursor));
      seen.addAll(page.getList("items.review"));
      cursor = page.getString("nextCursor");
    } while (cursor != null);
    assertEquals(newestFirst, seen);
    owner
        .request()
        .get("/agents/" + id)
        .then()
        .body("ratingCount", equalTo(6))
        .body("reviewCount", equalTo(5));
  }

  @Test
  void aRatingReplacesTheReviewAndABlankOneRemovesIt() {
    TestUser owner = TestUsers.register();
    String id = TestAgents.create(owner, TestAgents.metadata("changing minds"));
    TestUser reviewer = TestUsers.register();
    TestRuns.ran(reviewer, id, pool);

    rate(reviewer, id, Map.of("score", 2, "review", "slow")).body("reviewCount", equalTo(1));
    rate(reviewer, id, Map.of("score", 5, "review", "fixed now")).body("reviewCount", equalTo(1));
    JsonPath page = reviews(id, Map.of());
    assertEquals(List.of("fixed now"), page.getList("items.review"));
    assertEquals(5, page.getInt("items[0].score"));

    rate(reviewer, id, Map.of("score", 5, "review", "   ")).body("reviewCount", equalTo(0));
    assertEquals(List.of(), reviews(id, Map.of()).getList("items"));
    rate(reviewer, id, Map.of("score", 3, "review", "again")).body("reviewCount", equalTo(1));
    rate(reviewer, id, Map.of("score", 3)).body("reviewCount", equalTo(0));
    owner.request().get("/agents/" + id).then().body("reviewCount", equalTo(0));
  }

  @Test
  void reviewsMustBePlainTextOfAtMost2000Characters() {
    TestUser owner = TestUsers.register();
    String id = TestAgents.create(owner, TestAgents.metadata("strict reviews"));
    TestUser reviewer = TestUsers.register();
    TestRuns.ran(reviewer, id, pool);

    // 2,000 characters outside the Basic Multilingual Plane (4,000 UTF-16 units) fit.
    rate(reviewer, id, Map.of("score", 3, "review", "\uD83D\uDE00".repeat(2000))).statusCode(200);
    for (String review :
        List.of(
            "\"" + "x".repeat(2001) + "\"",
            "\"bell\\u0007\"",
            "\"nul\\u0000\"",
            "\"half \\ud800 pair\"",
            "42")) {
      reviewer
          .request()
          .contentType("application/json")
          .body("{\"score\":3,\"review\":" + review + "}")
          .put("/agents/" + id + "/rating")
          .then()
          .statusCode(400)
          .contentType(PROBLEM)
          .body("type", equalTo("/problems/invalid-request"))
          .body("errors.field", equalTo(List.of("review")));
    }
    rate(reviewer, id, Map.of("score", 3, "comment", "typo"))
        .statusCode(400)
        .body("errors.field", equalTo(List.of("comment")));
    assertEquals(3, reviews(id, Map.of()).getInt("items[0].score"));
    assertEquals(2000, reviews(id, Map.of()).getString("items[0].review").codePointCount(0, 4000));
  }

  @Test
  void onlyARunnerMayReviewAndAStrangersAttemptChangesNothing() {
    TestUser owner = TestUsers.register();
    String id = TestAgents.create(owner, TestAgents.metadata("guarded"));
    TestUser stranger = TestUsers.register();
    rate(stranger, id, Map.of("score", 1, "review", "never ran it, one star"))
        .statusCode(403)
        .body("type", equalTo("/problems/rating-requires-run"));
    rate(owner, id, Map.of("score", 5, "review", "my own is the best"))
        .statusCode(403)
        .body("type", equalTo("/problems/forbidden"));
    assertEquals(List.of(), reviews(id, Map.of()).getList("items"));
    owner
        .request()
        .get("/agents/" + id)
        .then()
        .body("reviewCount", equalTo(0))
        .body("rating", nullValue());
  }

  @Test
  void reviewsOfAnUnknownAgentOrWithABadCursorAreRefused() {
    given()
        .get("/agents/" + UUID.randomUUID() + "/reviews")
        .then()
        .statusCode(404)
        .contentType(PROBLEM)
        .body("type", equalTo("/problems/agent-not-found"));
    TestUser owner = TestUsers.register();
    String id = TestAgents.create(owner, TestAgents.metadata("cursor checks"));
    for (String cursor :
        List.of(
            "nonsense",
            "cjEKOTAwMDAwMDAwMDAwMDAwMDAwMAowMDAwMDAwMC0wMDAwLTAwMDAtMDAwMC0wMDAwMDAwMDAwMDA")) {
      given()
          .queryParam("cursor", cursor)
          .get("/agents/" + id + "/reviews")
          .then()
          .statusCode(400)
          .contentType(PROBLEM)
          .body("type", equalTo("/problems/invalid-cursor"));
    }
    given()
        .queryParam("limit", "0")
        .get("/agents/" + id + "/reviews")
        .then()
        .statusCode(400)
        .body("errors.field", equalTo(List.of("limit")));
  }

  private static io.restassured.response.ValidatableResponse rate(
      TestUser user, String id, Map<String, Object> body) {
    return user.request()
        .contentType("application/json")
        .body(body)
        .put("/agents/" + id + "/rating")
        .then();
  }

  private static JsonPath reviews(String id, Map<String, Object> params) {
    return given()
        .queryParams(params)
        .get("/agents/" + id + "/reviews")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }
}
