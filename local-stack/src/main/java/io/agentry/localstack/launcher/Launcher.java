package io.agentry.localstack.launcher;

import io.agentry.localstack.LocalTopology;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The local platform's commands behind {@code ./agentry}: {@code up}, {@code down}, {@code status},
 * {@code logs} and {@code reset}. The script finds Java and Maven, builds when needed and hands
 * these commands over with {@code -Dagentry.root=<project root>}.
 */
@Command(
    name = "./agentry",
    usageHelpAutoWidth = true,
    description =
        "Runs the Agentry platform on this machine (PostgreSQL, Kafka, S3, four services).",
    subcommands = {
      UpCommand.class,
      DownCommand.class,
      StatusCommand.class,
      LogsCommand.class,
      ResetCommand.class,
      RunningCommand.class,
      CommandLine.HelpCommand.class
    },
    footer = {
      "",
      "Ports are the contract's (gateway 8080, registry 8081, results 8082, executor 8083,",
      "PostgreSQL 5432, Kafka 9092 and 9093, S3 9000); AGENTRY_PORT_<NAME> moves one, e.g.",
      "AGENTRY_PORT_GATEWAY=18080. Everything lives in .agentry/ (run, logs, data, postgres, tmp)."
    })
public final class Launcher implements Runnable {

  /** The usage error exit code (picocli's). */
  static final int EXIT_USAGE = 2;

  private final AgentryHome home;
  private final LocalTopology topology;
  private final PrintWriter out;
  private final PrintWriter err;

  Launcher(AgentryHome home, LocalTopology topology, PrintWriter out, PrintWriter err) {
    this.home = home;
    this.topology = topology;
    this.out = out;
    this.err = err;
  }

  public static void main(String[] args) {
    Path root = Path.of(System.getProperty("agentry.root", System.getProperty("user.dir")));
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    System.exit(run(new AgentryHome(root), System.getenv(), out, err, args));
  }

  /** Runs one command and returns its exit code: 0 done, 1 failed, 2 a usage error. */
  static int run(
      AgentryHome home, Map<String, String> env, PrintWriter out, PrintWriter err, String... args) {
    LocalTopology topology;
    try {
      topology = LocalTopology.fromEnvironment(env);
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      return EXIT_USAGE;
    }
    CommandLine commandLine = new CommandLine(new Launcher(home, topology, out, err));
    commandLine.setOut(out).setErr(err);
    commandLine.setExecutionExceptionHandler(
        (e, line, parsed) -> {
          if (e instanceof LaunchException) {
            err.println(e.getMessage());
            return 1;
          }
          throw e;
        });
    return commandLine.execute(args);
  }

  @Spec private CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(), "a command is required: up, down, status, logs or reset");
  }

  AgentryHome home() {
    return home;
  }

  LocalTopology topology() {
    return topology;
  }

  PrintWriter out() {
    return out;
  }

  PrintWriter err() {
    return err;
  }

  OwnProcesses processes() {
    return new OwnProcesses(home);
  }
}
