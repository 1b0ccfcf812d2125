package io.agentry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agentry.client.model.TaskResult;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ResultPrinterTest {

  private static TaskResult result(
      String status, Integer exitCode, long ms, boolean stdoutTruncated, String error) {
    return new TaskResult(
        UUID.randomUUID(),
        UUID.randomUUID(),
        status,
        exitCode,
        "",
        "",
        stdoutTruncated,
        false,
        ms,
        error,
        null);
  }

  @Test
  void summarizesASuccess() {
    TaskResult ok = result("SUCCEEDED", 0, 12, false, null);
    assertEquals("== SUCCEEDED, exit code 0, 12 ms", ResultPrinter.summary(ok));
    assertEquals(0, ResultPrinter.exitCode(ok));
  }

  @Test
  void summarizesAFailureWithItsReasonAndPassesTheExitCodeOn() {
    TaskResult failed = result("FAILED", 3, 5, true, "the agent exited with code 3");
    assertEquals(
        "== FAILED, exit code 3, 5 ms, stdout truncated: the agent exited with code 3",
        ResultPrinter.summary(failed));
    assertEquals(3, ResultPrinter.exitCode(failed));
  }

  @Test
  void endsWithOneWhenTheModuleDidNotExit() {
    TaskResult timedOut = result("TIMED_OUT", null, 1000, false, "time limit");
    assertEquals("== TIMED_OUT, 1000 ms: time limit", ResultPrinter.summary(timedOut));
    assertEquals(1, ResultPrinter.exitCode(timedOut));
  }
}
