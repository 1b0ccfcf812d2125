package io.agentry.registry;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agentry.localstack.LocalStackTestResource;
import io.agentry.registry.TestUsers.TestUser;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * Agents found by their exact name, their owner's username and a version ({@code GET /agents}
 * filters), and by their exact name in search, with the names people give agents: hyphens, dots,
 * underscores and digits.
 */
@QuarkusTest
@WithTestResource(
    value = LocalStackTestResource.class,
    initArgs = {
      @ResourceArg(name = "components", value = "postgres,kafka,s3"),
      @ResourceArg(name = "database", value = "registry")
    })
class AgentLookupTest {

  @Test
  void everyAgentAnswerNamesItsOwner() {
    TestUser owner = TestUsers.register();
    String name = unique("owned");
    String id = TestAgents.create(owner, named(name, "1.0.0"));

    owner.request().get("/agents/" + id).then().body("ownerName", equalTo(owner.username()));
    assertEquals(
        List.of(owner.username()),
        list(owner, Map.of("owner", owner.id())).getList("items.ownerName"));
    assertEquals(
        List.of(owner.username()),
        owner
            .request()
            .queryParam("q", name)
            .get("/agents/search")
            .then()
            .extract()
            .jsonPath()
            .getList("items.ownerName"));
    assertEquals(
        List.of(owner.username()),
        owner
            .request()
            .get("/agents/" + id + "/versions")
            .then()
            .extract()
            .jsonPath()
            .getList("items.ownerName"));
  }

  @Test
  void theNameFilterMatchesExactlyThatNameOfEveryOwner() {
    TestUser alice = TestUsers.register();
    TestUser bob = TestUsers.register();
    String name = unique("json-pretty-v2");
    String alices = TestAgents.create(alice, named(name, "1.0.0"));
    String bobs = TestAgents.create(bob, named(name, "2.0.0"));
    TestAgents.create(alice, named(name + "1", "1.0.0"));
    TestAgents.create(alice, named(name.substring(0, name.length() - 1), "1.0.0"));

    assertEquals(List.of(bobs, alices), list(alice, Map.of("name", name)).getList("items.id"));
    assertEquals(
        List.of(Map.of("ownerName", bob.username()), Map.of("ownerName", alice.username())),
        list(alice, Map.of("name", name)).getList("items", Map.class).stream()
            .map(agent -> Map.of("ownerName", agent.get("ownerName")))
            .toList());
  }

  @Test
  void ownerNameAndVersionNarrowTheNameToOneAgentAndSortVersionPutsTheNewestFirst() {
    TestUser owner = TestUsers.register();
    TestUser other = TestUsers.register();
    String name = unique("cli");
    String first = TestAgents.create(owner, named(name, "1.2.0"));
    String newest = TestAgents.create(owner, named(name, "1.10.0"));
    String preRelease = TestAgents.create(owner, named(name, "2.0.0-rc.1"));
    TestAgents.create(other, named(name, "9.0.0"));
    owner
        .request()
        .contentType("application/json")
        .body(Map.of("status", "deprecated"))
        .patch("/agents/" + preRelease)
        .then()
        .statusCode(200);

    Map<String, Object> mine = Map.of("name", name, "ownerName", owner.username());
    assertEquals(
        List.of(preRelease, newest, first),
        list(owner, with(mine, "sort", "version")).getList("items.id"));
    assertEquals(
        List.of(newest),
        list(owner, with(with(with(mine, "sort", "version"), "status", "active"), "limit", 1))
            .getList("items.id"));
    assertEquals(
        List.of(first),
        list(
                owner,
                Map.of(
                    "name",
                    name,
                    "ownerName",
                    owner.username().toUpperCase(Locale.ROOT),
                    "version",
                    "1.2.0+build.7"))
            .getList("items.id"));
    assertEquals(List.of(), list(owner, with(mine, "version", "3.0.0")).getList("items.id"));
  }

  @Test
  void versionSortPagesThroughSameVersionsOfSeveralOwners() {
    String name = unique("paged");
    List<TestUser> owners =
        List.of(TestUsers.register(), TestUsers.register(), TestUsers.register());
    for (TestUser owner : owners) {
      TestAgents.create(owner, named(name, "1.0.0"));
      TestAgents.create(owner, named(name, "0.1.0"));
    }
    List<String> versions = new java.util.ArrayList<>();
    String cursor = null;
    do {
      var request = owners.get(0).request().queryParam("name", name).queryParam("sort", "version");
      request.queryParam("limit", 2);
      if (cursor != null) {
        request.queryParam("cursor", cursor);
      }
      JsonPath page = request.get("/agents").then().statusCode(200).extract().jsonPath();
      versions.addAll(page.getList("items.version"));
      cursor = page.getString("nextCursor");
    } while (cursor != null);
    assertEquals(List.of("1.0.0", "1.0.0", "1.0.0", "0.1.0", "0.1.0", "0.1.0"), versions);
  }

  @Test
  void badLookupValuesAreNamed() {
    TestUser user = TestUsers.register();
    user.request()
        .queryParam("name", "Not A Name")
        .queryParam("ownerName", "x")
        .queryParam("version", "one")
        .get("/agents")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("type", equalTo("/problems/invalid-query"))
        .body("errors.field", equalTo(List.of("name", "ownerName", "version")));
  }

  @Test
  void anExactNameIsTheFirstSearchResult() {
    TestUser owner = TestUsers.register();
    String digits =
        Long.toString(ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_999_999_999L));
    for (String name :
        List.of(
            "cli-" + digits,
            "json-pretty-v2-" + digits,
            "text_tools." + digits,
            digits + ".v1_2-beta")) {
      String exact = TestAgents.create(owner, named(name, "1.0.0"));
      // Others that mention the parts of the name, more often and in more fields.
      Map<String, Object> noisy = named(unique("noisy"), "1.0.0");
      noisy.put("description", (name.replaceAll("[-_.]", " ") + " ").repeat(5));
      noisy.put("capabilities", List.of("cli", "json"));
      TestAgents.create(owner, noisy);

      List<String> found = search(owner, name);
      assertEquals(exact, found.get(0), name + ": " + found);
      assertEquals(exact, search(owner, " " + name.toUpperCase(Locale.ROOT) + " ").get(0), name);
    }
  }

  private static List<String> search(TestUser user, String q) {
    return user.request()
        .queryParam("q", q)
        .get("/agents/search")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("items.id");
  }

  private static JsonPath list(TestUser user, Map<String, Object> params) {
    return user.request()
        .queryParams(params)
        .get("/agents")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  private static Map<String, Object> named(String name, String version) {
    Map<String, Object> metadata = TestAgents.metadata("An agent.");
    metadata.put("name", name);
    metadata.put("version", version);
    return metadata;
  }

  private static Map<String, Object> with(Map<String, Object> params, String key, Object value) {
    Map<String, Object> copy = new java.util.HashMap<>(params);
    copy.put(key, value);
    return copy;
  }

  /** A name no other test uses: the prefix, a hyphen and ten digits. */
  private static String unique(String prefix) {
    return prefix + "-" + ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_999_999_999L);
  }
}
