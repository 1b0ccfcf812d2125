package io.agentry.gateway.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which paths outside /api/v1 the pages own, so that every other one gets the API's 404. */
class WebPathsTest {

  @Test
  void thePagesTheirAssetsAndTheSessionAreServed() {
    for (String path :
        List.of(
            "/",
            "/agents/0b7e7a4e-2f7a-4f51-9d8c-1b2a3c4d5e6f",
            "/tasks",
            "/tasks/anything",
            "/publish",
            "/account",
            "/docs",
            "/docs/openapi.yaml",
            "/session",
            "/session/register",
            "/assets/app.css",
            "/webjars/swagger-ui/swagger-ui-bundle.js")) {
      assertTrue(WebPages.serves(path), path);
    }
  }

  @Test
  void otherPathsOutsideTheApiAreNotTheirs() {
    for (String path :
        List.of(
            "/agents",
            "/agents/x/stats",
            "/agents/search/more",
            "/tasks/x/results",
            "/users/me",
            "/auth/token",
            "/internal/agents/x",
            "/assets",
            "/assets/",
            "/session/other",
            "/docs/other.yaml",
            "/publishx")) {
      assertFalse(WebPages.serves(path), path);
    }
  }
}
