package io.agentry.registry;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentry.localstack.LocalStackTestResource;
import io.agentry.registry.TestUsers.TestUser;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(
    value = LocalStackTestResource.class,
    initArgs = {
      @ResourceArg(name = "components", value = "postgres,kafka,s3"),
      @ResourceArg(name = "database", value = "registry")
    })
class AgentCatalogTest {

  private static final String PROBLEM = "application/problem+json";

  @Inject Pool pool;

  @Test
  void theListIsNewestFirstAndLeavesDisabledAgentsOut() {
    TestUser owner = TestUsers.register();
    String first = TestAgents.create(owner, TestAgents.metadata("one"));
    String second = TestAgents.create(owner, TestAgents.metadata("two"));
    String third = TestAgents.create(owner, TestAgents.metadata("three"));
    owner.request().delete("/agents/" + second).then().statusCode(204);

    assertEquals(List.of(third, first), ids(owner, Map.of("owner", owner.id())));
    assertEquals(List.of(second), ids(owner, Map.of("owner", owner.id(), "status", "disabled")));
    owner
        .request()
        .queryParam("owner", owner.id())
        .get("/agents")
        .then()
        .statusCode(200)
        .body("nextCursor", nullValue());
  }

  @Test
  void eachSortOrdersItsWay() {
    TestUser owner = TestUsers.register();
    String b = TestAgents.create(owner, named("bravo"));
    String a = TestAgents.create(owner, named("alpha"));
    String c = TestAgents.create(owner, named("charlie"));
    setTasksCompleted(a, 5);
    setTasksCompleted(c, 9);
    TestUser rater = TestUsers.register();
    TestRuns.ran(rater, b, pool);
    TestRuns.ran(rater, a, pool);
    assertEquals(200, rate(rater, b, 5));
    assertEquals(200, rate(rater, a, 3));

    Map<String, Object> mine = Map.of("owner", owner.id());
    assertEquals(List.of(c, a, b), ids(owner, with(mine, "sort", "createdAt")));
    assertEquals(List.of(a, b, c), ids(owner, with(mine, "sort", "name")));
    assertEquals(List.of(b, a, c), ids(owner, with(mine, "sort", "rating")));
    assertEquals(List.of(c, a, b), ids(owner, with(mine, "sort", "tasksCompleted")));
  }

  @Test
  void everyRepeatedCapabilityMustBePresent() {
    TestUser owner = TestUsers.register();
    Map<String, Object> both = TestAgents.metadata("both");
    both.put("capabilities", List.of("text:summarize", "lang:fr"));
    String withBoth = TestAgents.create(owner, both);
    String withOne = TestAgents.create(owner, TestAgents.metadata("one"));

    assertEquals(
        List.of(withOne, withBoth),
        ids(owner, Map.of("owner", owner.id(), "capability", "text:summarize")));
    assertEquals(
        List.of(withBoth),
        owner
            .request()
            .queryParam("owner", owner.id())
            .queryParam("capability", "text:summarize", "lang:fr")
            .get("/agents")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("items.id"));
  }

  @Test
  void pagesReturnEveryAgentOnceWhileOthersAreInserted() throws Exception {
    TestUser owner = TestUsers.register();
    Set<String> existing = new HashSet<>();
    for (int i = 0; i < 24; i++) {
      existing.add(TestAgents.create(owner, named("page-" + (char) ('a' + i))));
    }
    ExecutorService writer = Executors.newSingleThreadExecutor();
    try {
      for (String sort : List.of("createdAt", "name")) {
        Future<?> inserts =
            writer.submit(
                () -> {
                  for (int i = 0; i < 8; i++) {
                    TestAgents.create(
                        owner, named("page-" + sort.toLowerCase() + "-" + UUID.randomUUID()));
                  }
                });
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
          var request = owner.request().queryParam("owner", owner.id()).queryParam("sort", sort);
          request.queryParam("limit", 5);
          if (cursor != null) {
            request.queryParam("cursor", cursor);
          }
          JsonPath page = request.get("/agents").then().statusCode(200).extract().jsonPath();
          seen.addAll(page.getList("items.id"));
          cursor = page.getString("nextCursor");
          Thread.sleep(20);
        } while (cursor != null);
        inserts.get();
        assertEquals(seen.size(), new HashSet<>(seen).size(), sort + ": a row came twice");
        assertTrue(seen.containsAll(existing), sort + ": a row went missing");
      }
    } finally {
      writer.shutdownNow();
    }
  }

  @Test
  void aTamperedCursorIsRefused() {
    TestUser owner = TestUsers.register();
    for (int i = 0; i < 3; i++) {
      TestAgents.create(owner, TestAgents.metadata("x"));
    }
    String cursor =
        owner
            .request()
            .queryParam("owner", owner.id())
            .queryParam("limit", 1)
            .get("/agents")
            .then()
            .extract()
            .path("nextCursor");
    assertNotNull(cursor);
    String wrongOrder =
        owner
            .request()
            .queryParam("sort", "name")
            .queryParam("cursor", cursor)
            .get("/agents")
            .then()
            .extract()
            .path("type");
    assertEquals("/problems/invalid-cursor", wrongOrder);
    String forged =
        Base64.getUrlEncoder().withoutPadding().encodeToString("c1\ncreatedAt\nxx\nyy".getBytes());
    for (String bad : List.of("garbage!", forged, cursor.substring(0, cursor.length() - 3))) {
      owner
          .request()
          .queryParam("cursor", bad)
          .get("/agents")
          .then()
          .statusCode(400)
          .contentType(PROBLEM)
          .body("type", equalTo("/problems/invalid-cursor"));
    }
  }

  @Test
  void badQueryParametersAreNamed() {
    TestUser user = TestUsers.register();
    user.request()
        .queryParam("limit", 0)
        .queryParam("sort", "price")
        .queryParam("status", "gone")
        .queryParam("owner", "bob")
        .queryParam("capability", "Bad Cap")
        .get("/agents")
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("type", equalTo("/problems/invalid-query"))
        .body("errors.field", equalTo(List.of("status", "capability", "owner", "sort", "limit")));
    user.request()
        .queryParam("limit", "many")
        .queryParam("maxPrice", "-1")
        .queryParam("minRating", "6")
        .get("/agents/search")
        .then()
        .statusCode(400)
        .body("errors.field", equalTo(List.of("maxPrice", "minRating", "limit")));
    user.request().queryParam("limit", 101).get("/agents").then().statusCode(400);
  }

  @Test
  void searchRanksNameAboveCapabilitiesAboveDescription() {
    TestUser owner = TestUsers.register();
    String word = word();
    Map<String, Object> inName = named(word + "-tool");
    Map<String, Object> inCapabilities = named("plain-a");
    inCapabilities.put("capabilities", List.of(word));
    Map<String, Object> inDescription = named("plain-b");
    inDescription.put("description", "A helper that mentions " + word + " once.");
    String description = TestAgents.create(owner, inDescription);
    String capabilities = TestAgents.create(owner, inCapabilities);
    String name = TestAgents.create(owner, inName);
    TestAgents.create(owner, named("unrelated"));

    assertEquals(List.of(name, capabilities, description), search(owner, Map.of("q", word)));
  }

  @Test
  void searchMatchesStemsAndTheLastWordAsAPrefix() {
    TestUser owner = TestUsers.register();
    String word = word();
    Map<String, Object> translator = named(word + "-translator");
    translator.put("description", "Translating documents between languages.");
    translator.put("capabilities", List.of("lang:fr"));
    String id = TestAgents.create(owner, translator);
    Map<String, Object> summarizer = named(word + "-summarizer");
    String other = TestAgents.create(owner, summarizer);

    assertEquals(List.of(id), search(owner, Map.of("q", word + " translations")));
    assertEquals(List.of(id), search(owner, Map.of("q", word + " document")));
    assertEquals(List.of(other), search(owner, Map.of("q", word + " summ")));
    assertEquals(List.of(), search(owner, Map.of("q", word + " nothingmatcheshere")));
    assertEquals(2, search(owner, Map.of("q", word.substring(0, 7))).size());
  }

  @Test
  void searchFiltersCombineWithTheTextAndEachOther() {
    TestUser owner = TestUsers.register();
    String word = word();
    Map<String, Object> cheap = named(word + "-cheap");
    cheap.put("price", 1);
    Map<String, Object> dear = named(word + "-dear");
    dear.put("price", 50);
    dear.put("capabilities", List.of("text:summarize", "premium"));
    String cheapId = TestAgents.create(owner, cheap);
    String dearId = TestAgents.create(owner, dear);
    TestUser rater = TestUsers.register();
    TestRuns.ran(rater, dearId, pool);
    assertEquals(200, rate(rater, dearId, 5));

    assertEquals(List.of(cheapId), search(owner, Map.of("q", word, "maxPrice", "10")));
    assertEquals(List.of(dearId), search(owner, Map.of("q", word, "minRating", "4.5")));
    assertEquals(List.of(dearId), search(owner, Map.of("q", word, "capability", "premium")));
    assertEquals(
        List.of(), search(owner, Map.of("q", word, "capability", "premium", "maxPrice", "10")));
    List<String> noText = search(owner, Map.of("capability", "premium", "minRating", "5"));
    assertTrue(noText.contains(dearId), noText.toString());
  }

  @Test
  void searchPagesByRelevance() {
    TestUser owner = TestUsers.register();
    String word = word();
    Set<String> created = new HashSet<>();
    for (int i = 0; i < 5; i++) {
      Map<String, Object> metadata = named(word + "-" + i);
      metadata.put("description", (word + " ").repeat(i + 1));
      created.add(TestAgents.create(owner, metadata));
    }
    List<String> seen = new ArrayList<>();
    String cursor = null;
    do {
      var request = owner.request().queryParam("q", word).queryParam("limit", 2);
      if (cursor != null) {
        request.queryParam("cursor", cursor);
      }
      JsonPath page = request.get("/agents/search").then().statusCode(200).extract().jsonPath();
      seen.addAll(page.getList("items.id"));
      cursor = page.getString("nextCursor");
    } while (cursor != null);
    assertEquals(created, new HashSet<>(seen));
    assertEquals(5, seen.size());
  }

  @Test
  void versionsAreNewestSemverFirst() {
    TestUser owner = TestUsers.register();
    String name = "versions-" + UUID.randomUUID().toString().substring(0, 8);
    String anyId = null;
    for (String version :
        List.of("1.0.0", "1.0.0-rc.1", "0.9.0", "1.10.0", "1.2.0", "1.0.0-beta")) {
      Map<String, Object> metadata = named(name);
      metadata.put("version", version);
      anyId = TestAgents.create(owner, metadata);
    }
    TestAgents.create(TestUsers.register(), named(name));

    List<String> versions = new ArrayList<>();
    String cursor = null;
    do {
      var request = owner.request().queryParam("limit", 4);
      if (cursor != null) {
        request.queryParam("cursor", cursor);
      }
      JsonPath page =
          request.get("/agents/" + anyId + "/versions").then().statusCode(200).extract().jsonPath();
      versions.addAll(page.getList("items.version"));
      cursor = page.getString("nextCursor");
    } while (cursor != null);
    assertEquals(
        List.of("1.10.0", "1.2.0", "1.0.0", "1.0.0-rc.1", "1.0.0-beta", "0.9.0"), versions);
    owner
        .request()
        .get("/agents/" + UUID.randomUUID() + "/versions")
        .then()
        .statusCode(404)
        .body("type", equalTo("/problems/agent-not-found"));
  }

  @Test
  void theOwnerPatchesAnAgent() {
    TestUser owner = TestUsers.register();
    String id = TestAgents.create(owner, TestAgents.metadata("before"));
    String updatedBefore = owner.request().get("/agents/" + id).then().extract().path("updatedAt");

    owner
        .request()
        .contentType("application/json")
        .body(
            Map.of(
                "description",
                "after",
                "capabilities",
                List.of("lang:de"),
                "price",
                2.25,
                "status",
                "deprecated"))
        .patch("/agents/" + id)
        .then()
        .statusCode(200)
        .body("description", equalTo("after"))
        .body("capabilities", equalTo(List.of("lang:de")))
        .body("price", equalTo(2.25f))
        .body("status", equalTo("deprecated"))
        .body("version", equalTo("1.0.0"));
    String updatedAfter = owner.request().get("/agents/" + id).then().extract().path("updatedAt");
    assertTrue(updatedAfter.compareTo(updatedBefore) > 0, updatedBefore + " -> " + updatedAfter);
    owner
        .request()
        .contentType("application/json")
        .body(Map.of("price", 3))
        .patch("/agents/" + id)
        .then()
        .statusCode(200)
        .body("description", equalTo("after"))
        .body("price", equalTo(3.0f));
  }

  @Test
  void patchRefusesOthersBadFieldsAndUnknownAgents() {
    TestUser owner = TestUsers.register();
    String id = TestAgents.create(owner, TestAgents.metadata("x"));
    TestUsers.register()
        .request()
        .contentType("application/json")
        .body(Map.of("description", "mine now"))
        .patch("/agents/" + id)
        .then()
        .statusCode(403)
        .contentType(PROBLEM)
        .body("type", equalTo("/problems/forbidden"));
    owner
        .request()
        .contentType("application/json")
        .body("{\"name\":\"renamed\",\"price\":-1,\"status\":\"gone\",\"description\":null}")
        .patch("/agents/" + id)
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("type", equalTo("/problems/invalid-request"))
        .body("errors.field", hasItem("name"))
        .body("errors.field", hasItem("price"))
        .body("errors.field", hasItem("status"))
        .body("errors.field", hasItem("description"));
    owner
        .request()
        .contentType("application/json")
        .body("{\"description\": ")
        .patch("/agents/" + id)
        .then()
        .statusCode(400)
        .body("type", equalTo("/problems/invalid-json"));
    owner
        .request()
        .contentType("application/json")
        .body(Map.of("description", "x"))
        .patch("/agents/" + UUID.randomUUID())
        .then()
        .statusCode(404)
        .body("type", equalTo("/problems/agent-not-found"));
    owner.request().get("/agents/" + id).then().body("description", equalTo("x"));
  }

  @Test
  void deleteDisablesTheAgentForItsOwnerOnly() {
    TestUser owner = TestUsers.register();
    String id = TestAgents.create(owner, TestAgents.metadata("x"));
    TestUsers.register()
        .request()
        .delete("/agents/" + id)
        .then()
        .statusCode(403)
        .contentType(PROBLEM);
    owner.request().delete("/agents/" + id).then().statusCode(204);
    owner.request().delete("/agents/" + id).then().statusCode(204);
    owner.request().get("/agents/" + id).then().statusCode(200).body("status", equalTo("disabled"));
    owner
        .request()
        .delete("/agents/" + UUID.randomUUID())
        .then()
        .statusCode(404)
        .body("type", equalTo("/problems/agent-not-found"));
    given().delete("/agents/" + id).then().statusCode(401);
  }

  @Test
  void ratingsAreOnePerUserAndAveraged() {
    TestUser owner = TestUsers.register();
    String id = TestAgents.create(owner, TestAgents.metadata("x"));
    TestUser first = TestUsers.register();
    TestUser second = TestUsers.register();
    TestRuns.ran(first, id, pool);
    TestRuns.ran(second, id, pool);

    rateExpect(first, id, 4, 4.0f, 1);
    rateExpect(second, id, 2, 3.0f, 2);
    rateExpect(first, id, 5, 3.5f, 2);
    owner
        .request()
        .get("/agents/" + id)
        .then()
        .body("rating", equalTo(3.5f))
        .body("ratingCount", equalTo(2));
  }

  @Test
  void concurrentRatingsAreAllCounted() throws Exception {
    TestUser owner = TestUsers.register();
    String id = TestAgents.create(owner, TestAgents.metadata("x"));
    List<TestUser> raters = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      TestUser rater = TestUsers.register();
      TestRuns.ran(rater, id, pool);
      raters.add(rater);
    }
    ExecutorService threads = Executors.newFixedThreadPool(8);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int i = 0; i < raters.size(); i++) {
        TestUser rater = raters.get(i);
        int score = i % 2 == 0 ? 5 : 1;
        results.add(threads.submit(() -> rate(rater, id, score)));
      }
      for (Future<Integer> result : results) {
        assertEquals(200, result.get());
      }
    } finally {
      threads.shutdownNow();
    }
    owner
        .request()
        .get("/agents/" + id)
        .then()
        .body("rating", equalTo(3.0f))
        .body("ratingCount", equalTo(8));
  }

  @Test
  void ratingRefusesTheOwnerBadScoresAndUnknownAgents() {
    TestUser owner = TestUsers.register();
    String id = TestAgents.create(owner, TestAgents.metadata("x"));
    owner
        .request()
        .contentType("application/json")
        .body(Map.of("score", 5))
        .put("/agents/" + id + "/rating")
        .then()
        .statusCode(403)
        .contentType(PROBLEM)
        .body("type", equalTo("/problems/forbidden"));
    TestUser other = TestUsers.register();
    for (String body :
        List.of("{\"score\":6}", "{\"score\":0}", "{\"score\":4.5}", "{\"score\":\"4\"}", "{}")) {
      other
          .request()
          .contentType("application/json")
          .body(body)
          .put("/agents/" + id + "/rating")
          .then()
          .statusCode(400)
          .contentType(PROBLEM)
          .body("errors.field", equalTo(List.of("score")));
    }
    other
        .request()
        .contentType("application/json")
        .body(Map.of("score", 3))
        .put("/agents/" + UUID.randomUUID() + "/rating")
        .then()
        .statusCode(404)
        .body("type", equalTo("/problems/agent-not-found"));
  }

  @Test
  void onlyAUserWhoRanTheAgentMayRateItAndAnyVersionCounts() {
    TestUser owner = TestUsers.register();
    String first = TestAgents.create(owner, named("rated-after-runs"));
    Map<String, Object> nextVersion = named("rated-after-runs");
    nextVersion.put("version", "2.0.0");
    String second = TestAgents.create(owner, nextVersion);
    TestUser stranger = TestUsers.register();
    TestUser runner = TestUsers.register();
    for (String id : List.of(first, second)) {
      stranger
          .request()
          .contentType("application/json")
          .body(Map.of("score", 1))
          .put("/agents/" + id + "/rating")
          .then()
          .statusCode(403)
          .contentType(PROBLEM)
          .body("type", equalTo("/problems/rating-requires-run"))
          .body("detail", containsString("ran to an end"));
    }

    TestRuns.ran(runner, first, pool);
    rateExpect(runner, second, 4, 4.0f, 1);
    rateExpect(runner, first, 2, 2.0f, 1);
    assertEquals(403, rate(stranger, first, 1));
    owner.request().get("/agents/" + second).then().body("ratingCount", equalTo(1));
  }

  private static void rateExpect(TestUser user, String id, int score, float rating, int count) {
    user.request()
        .contentType("application/json")
        .body(Map.of("score", score))
        .put("/agents/" + id + "/rating")
        .then()
        .statusCode(200)
        .body("rating", equalTo(rating))
        .body("ratingCount", equalTo(count));
  }

  private static int rate(TestUser user, String id, int score) {
    return user.request()
        .contentType("application/json")
        .body(Map.of("score", score))
        .put("/agents/" + id + "/rating")
        .then()
        .extract()
        .statusCode();
  }

  private void setTasksCompleted(String id, long count) {
    pool.preparedQuery("UPDATE agents SET tasks_completed = $2 WHERE id = $1")
        .execute(Tuple.of(UUID.fromString(id), count))
        .await()
        .indefinitely();
  }

  private static List<String> ids(TestUser user, Map<String, Object> params) {
    return user.request()
        .queryParams(params)
        .get("/agents")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("items.id");
  }

  private static List<String> search(TestUser user, Map<String, Object> params) {
    return user.request()
        .queryParams(params)
        .get("/agents/search")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("items.id");
  }

  private static Map<String, Object> named(String name) {
    Map<String, Object> metadata = TestAgents.metadata("An agent.");
    metadata.put("name", name);
    return metadata;
  }

  private static Map<String, Object> with(Map<String, Object> params, String key, Object value) {
    Map<String, Object> copy = new java.util.HashMap<>(params);
    copy.put(key, value);
    return copy;
  }

  /** A made-up word no other test uses, letters only, so it stems to itself. */
  private static String word() {
    StringBuilder word = new StringBuilder("zq");
    for (char c : UUID.randomUUID().toString().replace("-", "").substring(0, 8).toCharArray()) {
      word.append((char) ('a' + Character.digit(c, 16) % 26));
    }
    return word.toString();
  }
}
