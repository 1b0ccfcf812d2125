package io.agentry.gateway.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.HttpMethod;
import org.junit.jupiter.api.Test;

class RouteTableTest {

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
  void internalAndUnknownPathsGoNowhere() {
    for (String path :
        new String[] {
          "/auth/token", "/.well-known/jwks.json", "/internal/x", "/q/health", "/", "/usersx"
        }) {
      assertTrue(RouteTable.route(HttpMethod.GET, path).isNowhere(), path);
    }
  }
}
