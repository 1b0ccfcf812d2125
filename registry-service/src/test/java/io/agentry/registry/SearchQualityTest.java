package io.agentry.registry;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agentry.localstack.LocalStackTestResource;
import io.agentry.registry.TestUsers.TestUser;
import io.agentry.registry.service.TrustRollup;
import io.agentry.wire.TaskStatus;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Search ranks by relevance, then by the quality prior; sort=popular by users30d. */
@QuarkusTest
@WithTestResource(
    value = LocalStackTestResource.class,
    initArgs = {
      @ResourceArg(name = "components", value = "postgres,kafka,s3"),
      @ResourceArg(name = "database", value = "registry")
    })
class SearchQualityTest {

  @Inject Pool pool;
  @Inject TrustRollup rollup;

  @Test
  void equallyRelevantAgentsAreOrderedByTheirQualityPriorAndAMoreRelevantOneComesFirst() {
    String word = "qual" + UUID.randomUUID().toString().substring(0, 8);
    TestUser owner = TestUsers.register();
    String unrated = create(owner, "Formats " + word + " tables.");
    String oneFan = create(owner, "Formats " + word + " tables.");
    String loved = create(owner, "Formats " + word + " tables.");
    String failing = create(owner, "Formats " + word + " tables.");
    Map<String, Object> named = TestAgents.metadata("Formats tables.");
    named.put("name", word + "-pro");
    String byName = TestAgents.create(owner, named);

    runAndRate(oneFan, 1, TaskStatus.SUCCEEDED, 5);
    runAndRate(loved, 4, TaskStatus.SUCCEEDED, 5);
    runAndRate(failing, 3, TaskStatus.FAILED, 1);
    rollup.refresh().await().indefinitely();

    // Priors (V9): loved 0.653, oneFan 0.528, unrated 0.450, failing 0.359.
    List<String> expected = List.of(byName, loved, oneFan, unrated, failing);
    assertEquals(expected, search(Map.of("q", word, "limit", 20)));
    assertEquals(expected, allPages(Map.of("q", word, "limit", 2)));

    List<String> popular = search(Map.of("q", word, "sort", "popular", "limit", 3));
    assertEquals(List.of(loved, failing, oneFan), popular);
    JsonPath agent = given().get("/agents/" + loved).then().extract().jsonPath();
    assertEquals(4, agent.getInt("users30d"));
    assertEquals(1.0f, agent.getFloat("successRate"));
  }

  @Test
  void listsSortByPopularityAndSearchRefusesAnUnknownSort() {
    TestUser owner = TestUsers.register();
    String quiet = create(owner, "quiet");
    String busy = create(owner, "busy");
    for (int i = 0; i < 2; i++) {
      TestRuns.ended(UUID.randomUUID(), busy, TaskStatus.SUCCEEDED, 5, Instant.now(), pool);
    }
    rollup.refresh().await().indefinitely();
    List<String> ids =
        given()
            .queryParam("owner", owner.id())
            .queryParam("sort", "popular")
            .get("/agents")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("items.id");
    assertEquals(List.of(busy, quiet), ids);
    given()
        .queryParam("q", "x")
        .queryParam("sort", "rating")
        .get("/agents/search")
        .then()
        .statusCode(400)
        .body("errors.field", org.hamcrest.Matchers.equalTo(List.of("sort")));
  }

  private void runAndRate(String id, int users, TaskStatus status, int score) {
    for (int i = 0; i < users; i++) {
      TestUser user = TestUsers.register();
      TestRuns.ended(user.id(), id, status, 20, Instant.now(), pool);
      user.request()
          .contentType("application/json")
          .body(Map.of("score", score))
          .put("/agents/" + id + "/rating")
          .then()
          .statusCode(200);
    }
  }

  private static String create(TestUser owner, String description) {
    return TestAgents.create(owner, TestAgents.metadata(description));
  }

  private static List<String> search(Map<String, Object> params) {
    return given()
        .queryParams(params)
        .get("/agents/search")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("items.id");
  }

  private static List<String> allPages(Map<String, Object> params) {
    List<String> ids = new ArrayList<>();
    String cursor = null;
    do {
      Map<String, Object> page = new HashMap<>(params);
      if (cursor != null) {
        page.put("cursor", cursor);
      }
      JsonPath body =
          given()
              .queryParams(page)
              .get("/agents/search")
              .then()
              .statusCode(200)
              .extract()
              .jsonPath();
      ids.addAll(body.getList("items.id"));
      cursor = body.getString("nextCursor");
    } while (cursor != null);
    return ids;
  }
}
