package io.agentry.registry;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;

import io.agentry.localstack.LocalStackTestResource;
import io.agentry.registry.TestUsers.TestUser;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The outbound HTTP origins an agent version declares: validated, stored, shown, fixed. */
@QuarkusTest
@WithTestResource(
    value = LocalStackTestResource.class,
    initArgs = {
      @ResourceArg(name = "components", value = "postgres,kafka,s3"),
      @ResourceArg(name = "database", value = "registry")
    })
class AgentPermissionsTest {

  private static final List<String> DECLARED =
      List.of("https://API.example.com:443", "https://*.example.org", "http://127.0.0.1:8089");
  private static final List<String> SHOWN =
      List.of("https://api.example.com", "https://*.example.org", "http://127.0.0.1:8089");

  @Test
  void declaredOriginsAreShownNormalizedOnTheAgentItsListAndToExecutors() {
    TestUser owner = TestUsers.register();
    Map<String, Object> metadata = withOrigins(TestAgents.metadata("Calls an API."), DECLARED);
    byte[] module = TestAgents.uniqueModule();

    String id =
        TestAgents.upload(owner, metadata, module)
            .statusCode(201)
            .body("permissions.http", equalTo(SHOWN))
            .extract()
            .path("id");

    owner
        .request()
        .get("/agents/" + id)
        .then()
        .statusCode(200)
        .body("permissions.http", equalTo(SHOWN));
    owner
        .request()
        .get("/agents?name=" + metadata.get("name") + "&ownerName=" + owner.username())
        .then()
        .statusCode(200)
        .body("items[0].permissions.http", equalTo(SHOWN));
    given()
        .get("/internal/agents/" + id + "?binaryHash=" + TestAgents.sha256(module))
        .then()
        .statusCode(200)
        .body("permissions.http", equalTo(SHOWN))
        .body("binaryVersion.permissions.http", equalTo(SHOWN));
  }

  @Test
  void anAgentWithoutPermissionsShowsAnEmptyList() {
    TestAgents.upload(TestUsers.register(), TestAgents.metadata("x"), TestAgents.uniqueModule())
        .statusCode(201)
        .body("permissions.http", equalTo(List.of()));
  }

  @Test
  void aNewVersionCarriesItsOwnPermissionsAndTheOldOneKeepsItsOwn() {
    TestUser owner = TestUsers.register();
    Map<String, Object> first =
        withOrigins(TestAgents.metadata("v1"), List.of("https://a.example"));
    String firstId =
        TestAgents.upload(owner, first, TestAgents.uniqueModule())
            .statusCode(201)
            .extract()
            .path("id");
    Map<String, Object> second = withOrigins(new HashMap<>(first), List.of("https://b.example"));
    second.put("version", "2.0.0");
    TestAgents.upload(owner, second, TestAgents.uniqueModule())
        .statusCode(201)
        .body("permissions.http", equalTo(List.of("https://b.example")));

    owner
        .request()
        .get("/agents/" + firstId)
        .then()
        .body("permissions.http", equalTo(List.of("https://a.example")));
    owner
        .request()
        .contentType("application/json")
        .body("{\"permissions\":{\"http\":[\"https://evil.example\"]}}")
        .patch("/agents/" + firstId)
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("permissions"));
  }

  @Test
  void malformedPermissionsAreInvalidMetadataNamingEachEntry() {
    TestUser owner = TestUsers.register();
    Map<String, Object> metadata =
        withOrigins(
            TestAgents.metadata("x"),
            List.of(
                "https://ok.example",
                "api.example.com",
                "https://x.example/path",
                "https://ok.example"));
    ((Map<String, Object>) metadata.get("permissions")).put("files", List.of("/etc"));

    TestAgents.upload(owner, metadata, TestAgents.uniqueModule())
        .statusCode(400)
        .contentType("application/problem+json")
        .body("type", equalTo("/problems/invalid-metadata"))
        .body(
            "errors.field",
            hasItems(
                "permissions.http[1]",
                "permissions.http[2]",
                "permissions.http[3]",
                "permissions.files"));
    TestAgents.upload(
            owner,
            withOrigins(TestAgents.metadata("x"), Collections.nCopies(33, "https://a.example")),
            TestAgents.uniqueModule())
        .statusCode(400)
        .body("errors.field", equalTo(List.of("permissions.http")));
    Map<String, Object> notAnObject = TestAgents.metadata("x");
    notAnObject.put("permissions", List.of("https://a.example"));
    TestAgents.upload(owner, notAnObject, TestAgents.uniqueModule())
        .statusCode(400)
        .body("errors.field", equalTo(List.of("permissions")));
  }

  private static Map<String, Object> withOrigins(
      Map<String, Object> metadata, List<String> origins) {
    Map<String, Object> permissions = new HashMap<>();
    permissions.put("http", origins);
    metadata.put("permissions", permissions);
    return metadata;
  }
}
