package io.agentry.gateway;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentry.gateway.support.DownstreamServices;
import io.agentry.localstack.LocalStackTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The gateway's OpenAPI document covers every public operation the services serve. */
@QuarkusTest
@WithTestResource(
    value = LocalStackTestResource.class,
    initArgs = {
      @ResourceArg(name = "components", value = DownstreamServices.COMPONENTS),
      @ResourceArg(name = "database", value = "gateway")
    })
@WithTestResource(DownstreamServices.class)
class OpenApiSyncTest {

  private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");

  @Test
  void everyPublicOperationOfTheRegistryIsDocumentedUnderApiV1() {
    assertCovered(DownstreamServices.registry().baseUrl());
  }

  @Test
  void everyPublicOperationOfTheResultsServiceIsDocumentedUnderApiV1() {
    assertCovered(DownstreamServices.results().baseUrl());
  }

  @Test
  void theGatewaysOwnOperationsAreDocumentedAndInternalOnesAreNot() {
    Set<String> gateway = publicOperations();
    assertTrue(gateway.contains("POST /tasks"), gateway.toString());
    assertTrue(gateway.contains("DELETE /tasks/{}"), gateway.toString());
    assertFalse(gateway.stream().anyMatch(op -> op.contains("/auth/token")), gateway.toString());
  }

  @Test
  void theDocumentServesTheApiUnderApiV1() {
    JsonObject document = document("");
    assertEquals("/api/v1", document.getJsonArray("servers").getJsonObject(0).getString("url"));
    assertTrue(
        document
            .getJsonObject("components")
            .getJsonObject("securitySchemes")
            .containsKey("bearer"));
  }

  /** The gateway's operations, as "METHOD /path" under its /api/v1 server. */
  private static Set<String> publicOperations() {
    JsonObject document = document("");
    assertEquals("/api/v1", document.getJsonArray("servers").getJsonObject(0).getString("url"));
    return operations(document, "");
  }

  private static void assertCovered(String service) {
    Set<String> gateway = publicOperations();
    Set<String> missing = new TreeSet<>();
    for (String operation : operations(document(service), "")) {
      if (isPublic(operation) && !gateway.contains(operation)) {
        missing.add(operation);
      }
    }
    assertEquals(Set.of(), missing, "operations of " + service + " missing at /q/openapi");
  }

  private static boolean isPublic(String operation) {
    String path = operation.substring(operation.indexOf(' ') + 1);
    return !(path.startsWith("/q/")
        || path.equals("/auth/token")
        || path.startsWith("/.well-known/")
        || path.startsWith("/internal/"));
  }

  /** "METHOD /path" for every operation, path parameters written {}, {@code base} removed. */
  private static Set<String> operations(JsonObject document, String base) {
    Set<String> operations = new TreeSet<>();
    JsonObject paths = document.getJsonObject("paths", new JsonObject());
    for (String path : paths.fieldNames()) {
      if (!path.startsWith(base)) {
        continue;
      }
      String normalized = path.substring(base.length()).replaceAll("\\{[^}]+}", "{}");
      for (String method : paths.getJsonObject(path).fieldNames()) {
        if (METHODS.contains(method)) {
          operations.add(method.toUpperCase() + " " + normalized);
        }
      }
    }
    return operations;
  }

  private static JsonObject document(String baseUrl) {
    return new JsonObject(
        given()
            .accept("application/json")
            .get(baseUrl + "/q/openapi?format=json")
            .then()
            .statusCode(200)
            .extract()
            .asString());
  }
}
