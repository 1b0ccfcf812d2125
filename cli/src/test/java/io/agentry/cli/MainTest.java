package io.agentry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class MainTest {

  @TempDir Path config;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  /** An environment without a profile (an empty configuration folder) and without a key. */
  private Map<String, String> env(String... pairs) {
    Map<String, String> env = new HashMap<>();
    env.put("XDG_CONFIG_HOME", config.toString());
    for (int i = 0; i < pairs.length; i += 2) {
      env.put(pairs[i], pairs[i + 1]);
    }
    return env;
  }

  private int run(Map<String, String> env, String... argv) {
    return Main.run(
        List.of(argv),
        env,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void helpListsTheCommandsTheExitCodesAndWhereCredentialsComeFrom() {
    assertEquals(0, run(env(), "--help"));
    for (String text :
        List.of(
            "register",
            "login",
            "logout",
            "agents",
            "keys",
            "run",
            "tasks",
            "demo",
            "completion",
            "Exit codes:",
            "2   a usage error",
            "AGENTRY_API_KEY",
            "profile.properties",
            "Library/Application Support/agentry")) {
      assertTrue(out().contains(text), text + " missing in:\n" + out());
    }
    assertTrue(!out().contains("ensure-key"), "the launcher's command is hidden");
  }

  @Test
  void everyCommandHasHelpWithAnExample() {
    PrintStream stderr = System.err;
    ByteArrayOutputStream warnings = new ByteArrayOutputStream();
    System.setErr(new PrintStream(warnings, true, StandardCharsets.UTF_8));
    try {
      everyCommandsHelpHasAnExample();
    } finally {
      System.setErr(stderr);
    }
    assertEquals("", warnings.toString(StandardCharsets.UTF_8), "picocli's warnings on help");
  }

  private void everyCommandsHelpHasAnExample() {
    Context context = new Context(env(), System.out, System.err, System.in, false);
    List<String> without = new ArrayList<>();
    List<CommandLine> commands = new ArrayList<>(List.of(Main.commandLine(context)));
    int checked = 0;
    while (!commands.isEmpty()) {
      CommandLine command = commands.remove(0);
      commands.addAll(command.getSubcommands().values());
      CommandLine.Model.CommandSpec spec = command.getCommandSpec();
      if (spec.usageMessage().hidden() || spec.name().equals("help")) {
        continue;
      }
      checked++;
      String usage = command.getUsageMessage(CommandLine.Help.Ansi.OFF);
      int example = usage.indexOf("Example:\n  ");
      if (example < 0 || !usage.substring(example).contains(spec.qualifiedName())) {
        without.add(spec.qualifiedName());
      }
    }
    assertEquals(List.of(), without);
    assertTrue(checked >= 25, "only " + checked + " commands");
  }

  @Test
  void versionPrintsTheBuildsVersion() {
    assertEquals(0, run(env(), "--version"));
    assertTrue(out().matches("(?s)agentry \\d+\\.\\d+\\.\\d+.*"), out());
  }

  @Test
  void anUnknownCommandIsAUsageError() {
    assertEquals(CliException.USAGE, run(env(), "frobnicate"));
    assertTrue(err().contains("agentry: Unmatched argument"), err());
    assertTrue(err().contains("Try 'agentry --help'."), err());
    assertEquals(CliException.USAGE, run(env(), "agents"));
  }

  @Test
  void oneDashOptionsWorkAndDoubleDashEndsTheOptions() {
    Context context = new Context(env(), System.out, System.err, System.in, false);
    CommandLine.ParseResult parsed =
        Main.commandLine(context)
            .parseArgs(
                "run",
                "alice/json-pretty@1.2.0",
                "-o",
                "json",
                "--arg",
                "--json",
                "--wait",
                "--",
                "--indent",
                "2",
                "--wait");
    RunCommand run = (RunCommand) parsed.subcommand().commandSpec().userObject();
    assertEquals("alice/json-pretty@1.2.0", run.agent);
    assertTrue(run.output.isJson());
    assertTrue(run.waitForEnd);
    assertEquals(List.of("--json"), run.args);
    assertEquals(List.of("--indent", "2", "--wait"), run.trailingArgs);
  }

  @Test
  void withoutCredentialsTheMessageSaysHowToGetSome() {
    assertEquals(CliException.FAILURE, run(env(), "agents", "list"));
    assertTrue(err().contains("agentry login"), err());
    assertTrue(err().contains("AGENTRY_API_KEY"), err());
  }

  @Test
  void saysThePlatformIsDownWhenNothingListens() {
    int exit =
        run(
            env("AGENTRY_URL", "http://127.0.0.1:9/api/v1", "AGENTRY_API_KEY", "agy_x"),
            "agents",
            "search",
            "x");
    assertEquals(CliException.FAILURE, exit);
    assertTrue(err().contains("cannot connect to http://127.0.0.1:9/api/v1"), err());
    assertTrue(err().contains("./agentry up"), err());
  }

  @Test
  void referencesAndTaskIdsAreCheckedBeforeAnythingIsAsked() {
    Map<String, String> env =
        env("AGENTRY_URL", "http://127.0.0.1:9/api/v1", "AGENTRY_API_KEY", "agy_x");
    assertEquals(CliException.USAGE, run(env, "tasks", "watch", "abc"));
    assertTrue(err().contains("a task id is a UUID, not 'abc'"), err());
    assertEquals(CliException.USAGE, run(env, "agents", "show", "a/b/c"));
    assertTrue(err().contains("'a/b/c' is not an agent"), err());
    assertEquals(CliException.USAGE, run(env, "run", "x", "--env", "novalue"));
  }

  @Test
  void completionScriptsCompleteTheCommands() {
    for (String shell : List.of("bash", "zsh")) {
      out.reset();
      assertEquals(0, run(env(), "completion", shell));
      assertTrue(out().contains("complete -F _complete_agentry"), out());
      assertTrue(
          out().contains("push search list show versions update delete rate")
              || out().contains("push"),
          out());
    }
    assertTrue(out().contains("bashcompinit"), "zsh loads bashcompinit");
    assertEquals(CliException.USAGE, run(env(), "completion", "fish"));
  }
}
