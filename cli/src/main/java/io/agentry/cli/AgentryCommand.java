package io.agentry.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** {@code agentry}: the commands, the global options, credentials and exit codes. */
@Command(
    name = "agentry",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = {
      "The command-line client of Agentry: publish WebAssembly agents, find them, run tasks and"
          + " follow them live.",
      "",
      "An AGENT is named as ID, NAME, OWNER/NAME or OWNER/NAME@VERSION. NAME alone is your own"
          + " agent of that name, else that of its only owner; without @VERSION the newest active"
          + " version is meant.",
      ""
    },
    commandListHeading = "%nCommands:%n",
    subcommands = {
      RegisterCommand.class,
      LoginCommand.class,
      LogoutCommand.class,
      WhoamiCommand.class,
      AgentsCommand.class,
      KeysCommand.class,
      ToolboxCommand.class,
      RunCommand.class,
      TasksCommand.class,
      UsageCommand.class,
      EarningsCommand.class,
      LimitsCommand.class,
      DemoCommand.class,
      CompletionCommand.class,
      EnsureKeyCommand.class,
      HelpCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success",
      "1:an API error or an unreachable platform; for run --wait and tasks watch|result, a task"
          + " that ended without an exit code of its own (trap, time limit, cancellation,"
          + " rejection)",
      "2:a usage error, also an agent NAME that several owners publish",
      "N:run --wait, tasks watch|result: the task's own non-zero exit code (1-255)"
    },
    footerHeading = "%nCredentials (first found wins):%n",
    footer = {
      "  1. the --url and --api-key options",
      "  2. the AGENTRY_URL and AGENTRY_API_KEY environment variables",
      "  3. the profile saved by 'agentry register' or 'agentry login' (its key only with its URL):",
      "       Linux: $XDG_CONFIG_HOME/agentry/profile.properties, else ~/.config/agentry/...",
      "       macOS: ~/Library/Application Support/agentry/profile.properties",
      "  4. the local platform's key, in the file AGENTRY_KEY_FILE names (./agentry sets it)",
      "  The URL defaults to http://127.0.0.1:8080/api/v1.",
      "",
      "Example:",
      "  agentry login alice",
      "  agentry agents push agent.wasm --name json-pretty --version 1.0.0",
      "  agentry run alice/json-pretty --input '{\"a\":1}' --wait",
      "",
      "Shell completion: source <(agentry completion bash), or zsh"
    })
final class AgentryCommand implements Callable<Integer> {

  private final Context context;

  @Spec CommandSpec spec;

  AgentryCommand(Context context) {
    this.context = context;
  }

  @Option(
      names = "--url",
      scope = ScopeType.INHERIT,
      paramLabel = "URL",
      description = "The API's base URL, e.g. http://127.0.0.1:8080/api/v1.")
  void url(String url) {
    context.urlOption = url;
  }

  @Option(
      names = "--api-key",
      scope = ScopeType.INHERIT,
      paramLabel = "KEY",
      description = "An API key or login token (AGENTRY_API_KEY keeps it out of the process list).")
  void apiKey(String key) {
    context.keyOption = key;
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(context.err);
    return CliException.USAGE;
  }
}
