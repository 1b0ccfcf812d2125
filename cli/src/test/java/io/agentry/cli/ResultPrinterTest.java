package io.agentry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class ResultPrinterTest {

  private static JsonNode result(String json) throws Exception {
    return Api.JSON.readTree(json);
  }

  @Test
  void summarizesASuccess() throws Exception {
    JsonNode ok =
        result("{\"status\":\"SUCCEEDED\",\"exitCode\":0,\"durationMs\":12,\"error\":null}");
    assertEquals("== SUCCEEDED, exit code 0, 12 ms", ResultPrinter.summary(ok));
    assertEquals(0, ResultPrinter.exitCode(ok));
  }

  @Test
  void summarizesAFailureWithItsReasonAndPassesTheExitCodeOn() throws Exception {
    JsonNode failed =
        result(
            "{\"status\":\"FAILED\",\"exitCode\":3,\"durationMs\":5,\"stdoutTruncated\":true,"
                + "\"error\":\"the agent exited with code 3\"}");
    assertEquals(
        "== FAILED, exit code 3, 5 ms, stdout truncated: the agent exited with code 3",
        ResultPrinter.summary(failed));
    assertEquals(3, ResultPrinter.exitCode(failed));
  }

  @Test
  void endsWithOneWhenTheModuleDidNotExit() throws Exception {
    JsonNode timedOut =
        result(
            "{\"status\":\"TIMED_OUT\",\"exitCode\":null,\"durationMs\":1000,\"error\":\"time limit\"}");
    assertEquals("== TIMED_OUT, 1000 ms: time limit", ResultPrinter.summary(timedOut));
    assertEquals(1, ResultPrinter.exitCode(timedOut));
  }
}
