package io.agentry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentry.e2e.Platform;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The command-line client against the running platform (the e2e module's), through the public API
 * only. Lives in the client's package to call its entry point without a new JVM.
 */
class CliE2ETest {

  private final String apiUrl = Platform.get().apiUrl();

  private record Run(int exit, String out, String err) {}

  private Run cli(Map<String, String> env, String... argv) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit =
        Main.run(
            List.of(argv),
            env,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(
        exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void theDemoRegistersUploadsRunsAndPrintsTheResult() {
    Run demo = cli(Map.of("AGENTRY_URL", apiUrl), "demo", "--samples", "../samples");
    assertEquals(0, demo.exit(), demo.out() + demo.err());
    assertTrue(demo.out().contains("{\"lines\":3,\"words\":"), demo.out());
    assertTrue(demo.err().contains("RUNNING"), demo.err());
    assertTrue(demo.err().contains("== SUCCEEDED, exit code 0"), demo.err());
  }

  @Test
  void anAuthorPushesSearchesAndRunsAnAgentByName() {
    String key = new Accounts(new Api(apiUrl, null)).register("cli").apiKey();
    Map<String, String> env = Map.of("AGENTRY_URL", apiUrl, "AGENTRY_API_KEY", key);

    Run push =
        cli(
            env,
            "agents",
            "push",
            "../samples/json-pretty/json-pretty.wasm",
            "--name",
            "json-pretty",
            "--version",
            "1.2.0",
            "--capability",
            "json");
    assertEquals(0, push.exit(), push.err());
    assertTrue(push.out().startsWith("pushed json-pretty 1.2.0 as "), push.out());

    Run search = cli(env, "agents", "search", "json-pretty");
    assertTrue(search.out().contains("json-pretty"), search.out());

    Run run =
        cli(
            env,
            "run",
            "json-pretty",
            "--input",
            "{\"a\":[1,2]}",
            "--arg",
            "--indent",
            "--arg",
            "1",
            "--wait");
    assertEquals(0, run.exit(), run.err());
    assertEquals("{\n \"a\": [\n  1,\n  2\n ]\n}\n", run.out());

    Run invalid = cli(env, "run", "json-pretty", "--input", "{oops", "--wait");
    assertEquals(1, invalid.exit());
    assertTrue(invalid.err().contains("json-pretty: invalid JSON"), invalid.err());
    assertTrue(invalid.err().contains("== FAILED, exit code 1"), invalid.err());
  }
}
