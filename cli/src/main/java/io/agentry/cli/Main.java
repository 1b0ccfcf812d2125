package io.agentry.cli;

import io.agentry.client.ApiException;
import io.agentry.client.UnreachableException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.lang.reflect.Constructor;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * The command-line client, {@code agentry}: a client of the public API only (see {@link
 * AgentryCommand} for its commands, credentials and exit codes).
 */
public final class Main {

  private Main() {}

  public static void main(String[] argv) {
    System.exit(
        run(
            List.of(argv),
            System.getenv(),
            System.out,
            System.err,
            System.in,
            System.console() != null));
  }

  /** Runs one command line and returns its exit code. */
  static int run(List<String> argv, Map<String, String> env, PrintStream out, PrintStream err) {
    return run(argv, env, out, err, InputStream.nullInputStream(), false);
  }

  static int run(
      List<String> argv,
      Map<String, String> env,
      PrintStream out,
      PrintStream err,
      InputStream in,
      boolean terminal) {
    Context context = new Context(env, out, err, in, terminal);
    CommandLine line = commandLine(context);
    line.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
    line.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
    line.setParameterExceptionHandler(
        (e, args) -> {
          err.println("agentry: " + e.getMessage());
          CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
          err.println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
          return CliException.USAGE;
        });
    line.setExecutionExceptionHandler(
        (e, failed, parsed) -> {
          err.println("agentry: " + message(e, context));
          return e instanceof CliException cli ? cli.exitCode() : CliException.FAILURE;
        });
    return line.execute(argv.toArray(String[]::new));
  }

  /** The command tree, its commands made with the context. */
  static CommandLine commandLine(Context context) {
    CommandLine line = new CommandLine(new AgentryCommand(context), new Factory(context));
    line.setAllowOptionsAsOptionParameters(true);
    line.setUsageHelpWidth(100);
    return line;
  }

  private static String message(Exception e, Context context) throws Exception {
    if (e instanceof CliException) {
      return e.getMessage();
    }
    if (e instanceof ApiException api) {
      String text = ProblemText.describe(api);
      Connection connection = context.connection();
      if (api.status() == 401 && connection.source() != null && !api.is("invalid-credentials")) {
        text +=
            "\n  the credentials came from "
                + connection.source()
                + "; 'agentry login' saves new ones";
      }
      return text;
    }
    if (e instanceof UnreachableException) {
      return e.getMessage() + " (is the platform up? ./agentry up starts it locally)";
    }
    throw e;
  }

  /** Makes commands with the {@link Context} when their constructor takes one. */
  private record Factory(Context context) implements CommandLine.IFactory {

    @Override
    public <K> K create(Class<K> type) throws Exception {
      try {
        Constructor<K> constructor = type.getDeclaredConstructor(Context.class);
        constructor.setAccessible(true);
        return constructor.newInstance(context);
      } catch (NoSuchMethodException e) {
        return CommandLine.defaultFactory().create(type);
      }
    }
  }
}
