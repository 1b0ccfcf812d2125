package io.agentry.gateway.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vertx.core.http.HttpMethod;
import java.util.List;
import org.junit.jupiter.api.Test;

class RouteTableSuggestionTest {

  @Test
  void aPublicPathWithoutTheBaseIsSuggestedUnderIt() {
    assertEquals("/api/v1/agents", RouteTable.suggestion(HttpMethod.GET, "/agents"));
    assertEquals("/api/v1/agents/x", RouteTable.suggestion(HttpMethod.GET, "/v1/agents/x"));
    assertEquals("/api/v1/tasks", RouteTable.suggestion(HttpMethod.POST, "/api/tasks"));
    assertEquals(
        "/api/v1/users/login", RouteTable.suggestion(HttpMethod.POST, "/api/v2/users/login"));
  }

  @Test
  void pathsTheApiDoesNotServeAreNotSuggested() {
    for (String path :
        List.of("/", "/auth/token", "/.well-known/jwks.json", "/internal/agents/x", "/v1")) {
      assertNull(RouteTable.suggestion(HttpMethod.GET, path), path);
    }
  }

  @Test
  void theGatewaysOwnMethodsOfAServicesPathAreKnown() {
    assertEquals(List.of("POST"), RouteTable.methodsServedHere("/tasks"));
    assertEquals(List.of("DELETE"), RouteTable.methodsServedHere("/tasks/abc"));
    assertEquals(List.of(), RouteTable.methodsServedHere("/agents/abc"));
  }
}
