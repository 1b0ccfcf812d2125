package io.agentry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ProblemsTest {

  @Test
  void showsTheSlugTheDetailAndEachFieldError() {
    String body =
        "{\"type\":\"/problems/invalid-task\",\"title\":\"Invalid task\",\"status\":400,"
            + "\"detail\":\"The task is invalid.\",\"errors\":[{\"field\":\"timeoutMs\","
            + "\"message\":\"must be between 1 and 300000\"}]}";
    assertEquals(
        "HTTP 400 invalid-task: The task is invalid.\n  timeoutMs: must be between 1 and 300000",
        Problems.describe(400, body));
  }

  @Test
  void fallsBackToTheTitleThenTheStatus() {
    assertEquals(
        "HTTP 404 agent-not-found: Agent not found",
        Problems.describe(
            404, "{\"type\":\"/problems/agent-not-found\",\"title\":\"Agent not found\"}"));
    assertEquals("HTTP 502", Problems.describe(502, "<html>bad gateway</html>"));
    assertEquals("HTTP 503", Problems.describe(503, ""));
  }
}
