package io.agentry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agentry.client.ApiException;
import io.agentry.client.model.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProblemTextTest {

  @Test
  void showsTheTitleTheDetailAndEachField() {
    Problem problem =
        new Problem(
            "/problems/invalid-task",
            "The task is invalid",
            400,
            "The task is invalid: see errors.",
            List.of(
                new Problem.FieldError("timeoutMs", "must be between 1 and 300000"),
                new Problem.FieldError("env.A", "must be at most 4096 bytes")));
    assertEquals(
        "The task is invalid (400 invalid-task)\n"
            + "  The task is invalid: see errors.\n"
            + "  - timeoutMs: must be between 1 and 300000\n"
            + "  - env.A: must be at most 4096 bytes",
        ProblemText.describe(new ApiException(400, problem, null)));
  }

  @Test
  void saysWhenToTryAgainAndCopesWithoutAProblemBody() {
    Problem problem =
        new Problem("/problems/rate-limited", "Too many requests", 429, "Slow down.", List.of());
    assertEquals(
        "Too many requests (429 rate-limited)\n  Slow down.\n  try again in 7 s",
        ProblemText.describe(new ApiException(429, problem, 7)));
    assertEquals(
        "HTTP error (502)",
        ProblemText.describe(
            new ApiException(502, new Problem(null, null, 502, null, null), null)));
  }
}
