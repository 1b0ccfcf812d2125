package io.agentry.registry;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agentry.localstack.LocalStackTestResource;
import io.agentry.registry.TestUsers.TestUser;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@code PUT}, {@code DELETE} and {@code GET /users/me/toolbox}: whose, which agents, how many. */
@QuarkusTest
@WithTestResource(
    value = LocalStackTestResource.class,
    initArgs = {
      @ResourceArg(name = "components", value = "postgres,kafka,s3"),
      @ResourceArg(name = "database", value = "registry")
    })
class ToolboxApiTest {

  private static final int MAX_ENTRIES = 50;

  @Test
  void theOwnerAndAnotherUserEachAddTheAgentToTheirOwnToolbox() {
    TestUser owner = TestUsers.register();
    TestUser other = TestUsers.register();
    String agentId = TestAgents.create(owner, TestAgents.metadata("counts words"));

    add(owner, agentId).statusCode(201).body("agent.id", equalTo(agentId));
    add(other, agentId).statusCode(201).body("toolName", startsWith("agent-"));
    add(other, agentId).statusCode(200).body("agent.id", equalTo(agentId));

    assertEquals(List.of(agentId), toolbox(owner));
    assertEquals(List.of(agentId), toolbox(other));
    other.request().delete("/users/me/toolbox/" + agentId).then().statusCode(204);
    other
        .request()
        .delete("/users/me/toolbox/" + agentId)
        .then()
        .statusCode(404)
        .body("type", equalTo("/problems/toolbox-entry-not-found"));
    assertEquals(List.of(), toolbox(other));
    assertEquals(List.of(agentId), toolbox(owner), "the owner's toolbox is untouched");
  }

  @Test
  void anUnknownAgentIsNotFound() {
    TestUser user = TestUsers.register();
    add(user, UUID.randomUUID().toString())
        .statusCode(404)
        .body("type", equalTo("/problems/agent-not-found"));
    add(user, "not-an-id").statusCode(404).body("type", equalTo("/problems/agent-not-found"));
    user.request()
        .delete("/users/me/toolbox/not-an-id")
        .then()
        .statusCode(404)
        .body("type", equalTo("/problems/toolbox-entry-not-found"));
    assertEquals(List.of(), toolbox(user));
  }

  @Test
  void aDisabledAgentCannotBeAddedAndStaysListedWithItsStatusWhereItWas() {
    TestUser owner = TestUsers.register();
    TestUser user = TestUsers.register();
    String kept = TestAgents.create(owner, TestAgents.metadata("kept, then deleted"));
    String deleted = TestAgents.create(owner, TestAgents.metadata("deleted first"));
    add(user, kept).statusCode(201);
    owner.request().delete("/agents/" + deleted).then().statusCode(204);
    owner.request().delete("/agents/" + kept).then().statusCode(204);

    add(user, deleted)
        .statusCode(409)
        .body("type", equalTo("/problems/agent-unavailable"))
        .body(
            "detail",
            equalTo(
                "Agent "
                    + deleted
                    + " is disabled and takes no tasks, so it cannot be a tool;"
                    + " add an active version."));
    user.request()
        .get("/users/me/toolbox")
        .then()
        .statusCode(200)
        .body("items.agent.id", equalTo(List.of(kept)))
        .body("items.agent.status", equalTo(List.of("disabled")));
  }

  @Test
  void aToolboxHoldsAtMostTheLimit() {
    TestUser owner = TestUsers.register();
    TestUser user = TestUsers.register();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i <= MAX_ENTRIES; i++) {
      ids.add(TestAgents.create(owner, TestAgents.metadata("tool " + i)));
    }
    for (String id : ids.subList(0, MAX_ENTRIES)) {
      add(user, id).statusCode(201);
    }
    add(user, ids.get(MAX_ENTRIES)).statusCode(409).body("type", equalTo("/problems/toolbox-full"));
    add(user, ids.get(0)).statusCode(200);
    assertEquals(ids.subList(0, MAX_ENTRIES), toolbox(user));

    user.request().delete("/users/me/toolbox/" + ids.get(0)).then().statusCode(204);
    add(user, ids.get(MAX_ENTRIES)).statusCode(201);
  }

  @Test
  void toolNamesFollowTheAgentsNamesAndStayUniqueWithinAToolbox() {
    TestUser alice = TestUsers.register();
    TestUser bob = TestUsers.register();
    TestUser user = TestUsers.register();
    String suffix = UUID.randomUUID().toString().substring(0, 6);
    String dotted = TestAgents.create(alice, named("text.tools-" + suffix));
    String alices = TestAgents.create(alice, named("dup-" + suffix));
    String bobs = TestAgents.create(bob, named("dup-" + suffix));
    String reserved = TestAgents.create(bob, named("run_agent"));
    for (String id : List.of(dotted, alices, bobs, reserved)) {
      add(user, id).statusCode(201);
    }

    assertEquals(
        List.of(
            "text_tools-" + suffix,
            "dup-" + suffix,
            bob.username().replace('.', '_') + "_dup-" + suffix,
            bob.username().replace('.', '_') + "_run_agent"),
        user.request()
            .get("/users/me/toolbox")
            .then()
            .extract()
            .jsonPath()
            .getList("items.toolName"));
  }

  @Test
  void theToolboxNeedsCredentials() {
    given().get("/users/me/toolbox").then().statusCode(401);
    given().put("/users/me/toolbox/" + UUID.randomUUID()).then().statusCode(401);
  }

  private static Map<String, Object> named(String name) {
    Map<String, Object> metadata = TestAgents.metadata("named " + name);
    metadata.put("name", name);
    return metadata;
  }

  private static io.restassured.response.ValidatableResponse add(TestUser user, String agentId) {
    return user.request().put("/users/me/toolbox/" + agentId).then();
  }

  private static List<String> toolbox(TestUser user) {
    return user.request()
        .get("/users/me/toolbox")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("items.agent.id");
  }
}
