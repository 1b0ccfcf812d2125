package io.agentry.registry;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.agentry.localstack.LocalStackTestResource;
import io.agentry.registry.TestUsers.TestUser;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An agent's optional {@code inputSchema}: validated as a JSON Schema at upload, then returned. */
@QuarkusTest
@WithTestResource(
    value = LocalStackTestResource.class,
    initArgs = {
      @ResourceArg(name = "components", value = "postgres,kafka,s3"),
      @ResourceArg(name = "database", value = "registry")
    })
class InputSchemaTest {

  private static final Map<String, Object> SCHEMA =
      Map.of(
          "type",
          "object",
          "properties",
          Map.of(
              "text", Map.of("type", "string"), "count", Map.of("type", "integer", "minimum", 1)),
          "required",
          List.of("text"));

  @Test
  void aValidSchemaIsStoredAndReturnedOnEveryAgentAnswer() {
    TestUser owner = TestUsers.register();
    Map<String, Object> metadata = TestAgents.metadata("takes text");
    metadata.put("inputSchema", SCHEMA);
    String id = TestAgents.create(owner, metadata);

    Map<String, Object> stored =
        owner.request().get("/agents/" + id).then().statusCode(200).extract().path("inputSchema");
    assertEquals(SCHEMA, stored);
    owner
        .request()
        .queryParam("owner", owner.id())
        .get("/agents")
        .then()
        .body("items[0].inputSchema.required", equalTo(List.of("text")));
  }

  @Test
  void anAgentWithoutASchemaHasNone() {
    TestUser owner = TestUsers.register();
    String id = TestAgents.create(owner, TestAgents.metadata("no schema"));
    owner.request().get("/agents/" + id).then().body("inputSchema", nullValue());
  }

  @Test
  void anInvalidSchemaIsRefusedNamingWhereItIsWrong() {
    TestUser owner = TestUsers.register();
    Map<String, Object> metadata = TestAgents.metadata("bad schema");
    metadata.put(
        "inputSchema",
        Map.of(
            "type",
            "object",
            "properties",
            Map.of("n", Map.of("type", "integer", "minimum", "one"))));
    TestAgents.upload(owner, metadata, TestAgents.uniqueModule())
        .statusCode(400)
        .body("type", equalTo("/problems/invalid-metadata"))
        .body("errors.field", hasItem("inputSchema/properties/n/minimum"));

    metadata.put("inputSchema", Map.of("type", "array"));
    TestAgents.upload(owner, metadata, TestAgents.uniqueModule())
        .statusCode(400)
        .body("errors.field", equalTo(List.of("inputSchema/type")));

    metadata.put("inputSchema", List.of("not", "an", "object"));
    TestAgents.upload(owner, metadata, TestAgents.uniqueModule())
        .statusCode(400)
        .body("errors.message", equalTo(List.of("must be a JSON Schema object")));
    owner
        .request()
        .queryParam("owner", owner.id())
        .get("/agents")
        .then()
        .body("items", equalTo(List.of()));
  }

  @Test
  void aSchemaOver16KiBIsRefused() {
    TestUser owner = TestUsers.register();
    Map<String, Object> metadata = TestAgents.metadata("large schema");
    Map<String, Object> large = Map.of("type", "object", "description", "x".repeat(16 * 1024));
    metadata.put("inputSchema", large);
    int bytes = TestAgents.json(large).length();
    TestAgents.upload(owner, metadata, TestAgents.uniqueModule())
        .statusCode(400)
        .body("errors.field", equalTo(List.of("inputSchema")))
        .body(
            "errors.message[0]",
            equalTo("is " + bytes + " bytes of JSON; at most 16384 are allowed"));
  }

  @Test
  void aReferenceOutsideTheSchemaIsRefusedWithoutBeingFetched() throws Exception {
    TestUser attacker = TestUsers.register();
    TestUser bystander = TestUsers.register();
    try (ServerSocket listener = new ServerSocket(0)) {
      listener.setSoTimeout(500);
      Map<String, Object> metadata = TestAgents.metadata("fetches something");
      metadata.put(
          "inputSchema",
          Map.of(
              "type",
              "object",
              "properties",
              Map.of("a", Map.of("$ref", "http://127.0.0.1:" + listener.getLocalPort() + "/s"))));
      TestAgents.upload(attacker, metadata, TestAgents.uniqueModule())
          .statusCode(400)
          .body("errors.field", equalTo(List.of("inputSchema/properties/a/$ref")));
      assertThrows(SocketTimeoutException.class, listener::accept, "the registry fetched the $ref");
    }
    String id = TestAgents.create(bystander, TestAgents.metadata("unaffected"));
    bystander.request().get("/agents/" + id).then().statusCode(200);
  }
}
