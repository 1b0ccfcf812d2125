package io.agentry.registry;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.aMapWithSize;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.agentry.localstack.LocalStackTestResource;
import io.agentry.registry.TestUsers.TestUser;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
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
class InternalAgentApiTest {

  private static final String PROBLEM = "application/problem+json";

  @Test
  void anExecutorReadsAnAgentsIdNameStatusAndBinaryHashWithoutCredentials() {
    TestUser owner = TestUsers.register();
    Map<String, Object> metadata = TestAgents.metadata("Summarizes text.");
    byte[] module = TestAgents.uniqueModule();
    String id = TestAgents.upload(owner, metadata, module).statusCode(201).extract().path("id");

    given()
        .get("/internal/agents/" + id)
        .then()
        .statusCode(200)
        .contentType("application/json")
        .body("$", aMapWithSize(6))
        .body("permissions.http", equalTo(java.util.List.of()))
        .body("id", equalTo(id))
        .body("name", equalTo(metadata.get("name")))
        .body("status", equalTo("active"))
        .body("binaryHash", equalTo(TestAgents.sha256(module)))
        .body("binaryVersion", nullValue());
  }

  @Test
  void askedWithABinaryItSaysWhichVersionOfTheAgentHoldsIt() {
    TestUser owner = TestUsers.register();
    Map<String, Object> first = TestAgents.metadata("Summarizes text.");
    byte[] firstModule = TestAgents.uniqueModule();
    String id = TestAgents.upload(owner, first, firstModule).statusCode(201).extract().path("id");
    Map<String, Object> second = new java.util.HashMap<>(first);
    second.put("version", "2.0.0");
    byte[] secondModule = TestAgents.uniqueModule();
    String secondId =
        TestAgents.upload(owner, second, secondModule).statusCode(201).extract().path("id");
    owner.request().delete("/agents/" + secondId).then().statusCode(204);

    given()
        .get("/internal/agents/" + id + "?binaryHash=" + TestAgents.sha256(firstModule))
        .then()
        .statusCode(200)
        .body("binaryVersion.id", equalTo(id))
        .body("binaryVersion.status", equalTo("active"));
    given()
        .get("/internal/agents/" + id + "?binaryHash=" + TestAgents.sha256(secondModule))
        .then()
        .statusCode(200)
        .body("binaryVersion.id", equalTo(secondId))
        .body("binaryVersion.status", equalTo("disabled"));
  }

  @Test
  void anotherAuthorsBinaryIsNoVersionOfTheAgent() {
    String id =
        TestAgents.upload(TestUsers.register(), TestAgents.metadata("x"), TestAgents.uniqueModule())
            .statusCode(201)
            .extract()
            .path("id");
    byte[] foreign = TestAgents.uniqueModule();
    TestAgents.upload(TestUsers.register(), TestAgents.metadata("y"), foreign).statusCode(201);

    given()
        .get("/internal/agents/" + id + "?binaryHash=" + TestAgents.sha256(foreign))
        .then()
        .statusCode(200)
        .body("binaryVersion", nullValue());
    given()
        .get("/internal/agents/" + id + "?binaryHash=not-a-hash")
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("type", equalTo("/problems/invalid-query"));
  }

  @Test
  void aDisabledAgentIsShownDisabled() {
    TestUser owner = TestUsers.register();
    String id = TestAgents.create(owner, TestAgents.metadata("x"));
    owner.request().delete("/agents/" + id).then().statusCode(204);

    given()
        .get("/internal/agents/" + id)
        .then()
        .statusCode(200)
        .body("status", equalTo("disabled"));
  }

  @Test
  void anUnknownAgentIsAProblemAgentNotFound() {
    UUID unknown = UUID.randomUUID();

    given()
        .get("/internal/agents/" + unknown)
        .then()
        .statusCode(404)
        .contentType(PROBLEM)
        .body("type", equalTo("/problems/agent-not-found"))
        .body("status", equalTo(404))
        .body("detail", equalTo("No agent with id " + unknown + "."));
  }

  @Test
  void anIdThatIsNotAUuidNamesNoAgent() {
    given()
        .get("/internal/agents/not-a-uuid")
        .then()
        .statusCode(404)
        .contentType(PROBLEM)
        .body("type", equalTo("/problems/agent-not-found"));
  }
}
