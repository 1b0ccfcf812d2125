package io.agentry.executor;

import static io.restassured.RestAssured.given;

import io.agentry.localstack.Endpoints;
import io.agentry.localstack.PackagedService;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The packaged registry-service, run as a process once per test JVM against that JVM's local stack,
 * and used through its public API as a client would.
 */
final class TestRegistry {

  /** The token executors present to read agents' secrets. */
  static final String EXECUTOR_TOKEN = "executor-token-" + UUID.randomUUID();

  private static PackagedService registry;

  private TestRegistry() {}

  /** Starts the registry on first use; returns its base URL. */
  static synchronized String start(Endpoints endpoints) {
    if (registry == null) {
      Map<String, String> config = new LinkedHashMap<>(endpoints.quarkusConfig("registry"));
      config.put("agentry.registry.auth.generated-key-dir", "target/registry-keys");
      config.put("agentry.registry.auth.bcrypt-cost", "4");
      config.put("agentry.registry.secrets.executor-token", EXECUTOR_TOKEN);
      registry = PackagedService.start("registry-service", config);
    }
    return registry.baseUrl();
  }

  /** Registers a fresh user and returns its API key. */
  static String register() {
    return request()
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "username",
                "u-" + UUID.randomUUID().toString().substring(0, 18),
                "password",
                "correct horse battery"))
        .post("/users/register")
        .then()
        .statusCode(201)
        .extract()
        .path("apiKey");
  }

  /** Uploads an agent named {@code <prefix>-<random>}, version 1.0.0, for the key's user. */
  static UploadedAgent upload(String apiKey, String prefix, byte[] binary) {
    return upload(apiKey, prefix, binary, List.of());
  }

  /** Uploads an agent that declares {@code origins} as its outbound HTTP permissions. */
  static UploadedAgent upload(String apiKey, String prefix, byte[] binary, List<String> origins) {
    String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    var response =
        request()
            .header("Authorization", "Bearer " + apiKey)
            .multiPart("metadata", json(name, origins), "application/json")
            .multiPart("binary", "agent.wasm", binary, "application/wasm")
            .post("/agents")
            .then()
            .statusCode(201)
            .extract();
    return new UploadedAgent(
        UUID.fromString(response.path("id")), response.path("name"), response.path("binaryHash"));
  }

  /** Sets a secret of the agent, as its owner. */
  static void putSecret(String apiKey, UUID agentId, String name, String value) {
    request()
        .header("Authorization", "Bearer " + apiKey)
        .contentType(ContentType.JSON)
        .body(Map.of("value", value))
        .put("/agents/" + agentId + "/secrets/" + name)
        .then()
        .statusCode(200);
  }

  /** Deletes (disables) the agent. */
  static void disable(String apiKey, UUID agentId) {
    request()
        .header("Authorization", "Bearer " + apiKey)
        .delete("/agents/" + agentId)
        .then()
        .statusCode(204);
  }

  private static String json(String name, List<String> origins) {
    String http = String.join(",", origins.stream().map(origin -> "\"" + origin + "\"").toList());
    return "{\"name\":\""
        + name
        + "\",\"description\":\"A test agent.\",\"version\":\"1.0.0\",\"capabilities\":[\"test\"],"
        + "\"permissions\":{\"http\":["
        + http
        + "]}}";
  }

  private static synchronized RequestSpecification request() {
    if (registry == null) {
      throw new IllegalStateException("the registry has not been started in this JVM");
    }
    return given().baseUri("http://127.0.0.1").port(registry.port());
  }

  /** An agent in the registry. */
  record UploadedAgent(UUID id, String name, String binaryHash) {}
}
