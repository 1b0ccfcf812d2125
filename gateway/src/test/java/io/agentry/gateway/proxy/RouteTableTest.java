package io.agentry.gateway.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.HttpMethod;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RouteTableTest {

  @Test
  void everyPublicOperationHasItsOwnTemplateAndAnyOtherPathOneForAll() throws Exception {
    List<String> documented = new ArrayList<>();
    try (InputStream openapi = RouteTableTest.class.getResourceAsStream("/META-INF/openapi.yaml")) {
      Matcher path =
          Pattern.compile("(?m)^  (/\\S+):$")
              .matcher(new String(openapi.readAllBytes(), StandardCharsets.UTF_8));
      while (path.find()) {
        // The document's paths are relative to its one server, /api/v1.
        documented.add(RouteTable.PUBLIC_BASE + path.group(1));
      }
    }
    assertTrue(documented.size() > 15, "the OpenAPI paths were not found: " + documented);
    for (String template : documented) {
      String path = template.substring(RouteTable.PUBLIC_BASE.length()).replace("{id}", "3f2a-b");
      assertEquals(template, RouteTable.template(path));
      assertEquals(template, RouteTable.template(path + "/"));
    }
    assertEquals("/api/v1/*", RouteTable.template("/tasks/a/b/c/d"));
    assertEquals("/api/v1/*", RouteTable.template("/../secret"));
  }

  @Test
  void registrationAndLoginGoToTheRegistryWithoutCredentials() {
    Destination register = RouteTable.route(HttpMethod.POST, "/users/register");
    assertEquals(Service.REGISTRY, register.service());
    assertFalse(register.needsCaller());
    assertFalse(RouteTable.route(HttpMethod.POST, "/users/login").needsCaller());
    assertTrue(RouteTable.route(HttpMethod.GET, "/users/login").needsCaller());
  }

  @Test
  void usersAndAgentsGoToTheRegistryExceptStats() {
    assertEquals(
        Service.REGISTRY, RouteTable.route(HttpMethod.GET, "/users/me/api-keys").service());
    assertEquals(Service.REGISTRY, RouteTable.route(HttpMethod.POST, "/agents").service());
    assertEquals(Service.REGISTRY, RouteTable.route(HttpMethod.PUT, "/agents/a/rating").service());
    assertEquals(Service.RESULTS, RouteTable.route(HttpMethod.GET, "/agents/a/stats").service());
  }

  @Test
  void submissionAndCancellationAreServedByTheGatewayAndTheRestByResults() {
    assertTrue(RouteTable.route(HttpMethod.POST, "/tasks").servedHere());
    assertTrue(RouteTable.route(HttpMethod.DELETE, "/tasks/abc").servedHere());
    assertEquals(Service.RESULTS, RouteTable.route(HttpMethod.GET, "/tasks").service());
    assertEquals(
        Service.RESULTS, RouteTable.route(HttpMethod.GET, "/tasks/a/results/stdout").service());
    assertEquals(Service.RESULTS, RouteTable.route(HttpMethod.GET, "/tasks/a/events").service());
    assertEquals(Service.RESULTS, RouteTable.route(HttpMethod.GET, "/events").service());
  }

  @Test
  void onlyTheDeletionOfOneApiKeyRevokesOne() {
    assertTrue(RouteTable.revokesApiKey(HttpMethod.DELETE, "/users/me/api-keys/abc"));
    assertTrue(RouteTable.revokesApiKey(HttpMethod.DELETE, "/users/me/api-keys/abc/"));
    assertFalse(RouteTable.revokesApiKey(HttpMethod.GET, "/users/me/api-keys/abc"));
    assertFalse(RouteTable.revokesApiKey(HttpMethod.DELETE, "/users/me/api-keys"));
    assertFalse(RouteTable.revokesApiKey(HttpMethod.DELETE, "/agents/abc"));
  }

  @Test
  void onlyThePostOfTheSessionsRevocationRevokesSessions() {
    assertTrue(RouteTable.revokesSessions(HttpMethod.POST, "/users/me/sessions/revoke"));
    assertTrue(RouteTable.revokesSessions(HttpMethod.POST, "/users/me/sessions/revoke/"));
    assertFalse(RouteTable.revokesSessions(HttpMethod.GET, "/users/me/sessions/revoke"));
    assertFalse(RouteTable.revokesSessions(HttpMethod.POST, "/users/me/sessions"));
    assertFalse(RouteTable.revokesSessions(HttpMethod.POST, "/users/me/sessions/revoke/x"));
  }

  @Test
  void internalAndUnknownPathsGoNowhere() {
    for (String path :
        new String[] {
          "/auth/token", "/.well-known/jwks.json", "/internal/x", "/q/health", "/", "/usersx"
        }) {
      assertTrue(RouteTable.route(HttpMethod.GET, path).isNowhere(), path);
    }
  }
}
