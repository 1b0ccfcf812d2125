package io.agentry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MainTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(Map<String, String> env, String... argv) {
    return Main.run(
        List.of(argv),
        env,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void printsTheUsageOnHelp() {
    assertEquals(0, run(Map.of(), "help"));
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("agents push FILE --name NAME"));
  }

  @Test
  void refusesAnUnknownCommandWithTheUsageExitCode() {
    assertEquals(CliException.USAGE, run(Map.of(), "frobnicate"));
    assertEquals(
        "agentry: unknown command: frobnicate (./agentry help)\n",
        err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void explainsWhereTheKeyComesFromWhenThereIsNone() {
    assertEquals(CliException.FAILURE, run(Map.of(), "agents", "search", "x"));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("set AGENTRY_API_KEY"));
  }

  @Test
  void saysThePlatformIsDownWhenNothingListens() {
    int exit =
        run(
            Map.of("AGENTRY_URL", "http://127.0.0.1:9/api/v1", "AGENTRY_API_KEY", "agy_x"),
            "agents",
            "search",
            "x");
    assertEquals(CliException.FAILURE, exit);
    assertTrue(
        err.toString(StandardCharsets.UTF_8).contains("cannot reach http://127.0.0.1:9/api/v1"));
  }

  @Test
  void checksATaskIdBeforeCallingAnything() {
    assertEquals(
        CliException.USAGE, run(Map.of("AGENTRY_API_KEY", "agy_x"), "tasks", "watch", "abc"));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("a task id is a UUID, not 'abc'"));
  }
}
