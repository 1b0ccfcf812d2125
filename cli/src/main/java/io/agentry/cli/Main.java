package io.agentry.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The command-line client behind {@code ./agentry agents|run|tasks|demo}. It talks to the public
 * API only: {@code AGENTRY_URL} (default the local gateway) with the key in {@code
 * AGENTRY_API_KEY}, or else the one saved in {@code AGENTRY_KEY_FILE} by {@code ./agentry up}.
 */
public final class Main {

  static final String DEFAULT_URL = "http://127.0.0.1:8080/api/v1";

  static final String USAGE =
      """
      usage: ./agentry COMMAND ...

        agents push FILE --name NAME --version SEMVER [--description TEXT] [--capability C]... [--price P]
        agents search [WORDS...] [--capability C]... [--max-price P] [--min-rating R] [--limit N]
        agents show AGENT
        run AGENT [--input TEXT | --input-file FILE|-] [--arg A]... [--env NAME=VALUE]...
                  [--timeout-ms MS] [--max-memory-mb MB] [--idempotency-key KEY] [--wait]
        tasks watch|show|result|cancel TASK_ID
        demo [--samples DIR]

      AGENT is an agent id or name. The API key comes from AGENTRY_API_KEY, else from the file
      ./agentry up writes; AGENTRY_URL changes the API's base URL (default %s).
      """
          .formatted(DEFAULT_URL);

  private Main() {}

  public static void main(String[] argv) {
    System.exit(run(List.of(argv), System.getenv(), System.out, System.err));
  }

  static int run(List<String> argv, Map<String, String> env, PrintStream out, PrintStream err) {
    boolean help = argv.size() > 1 && List.of("-h", "--help").contains(argv.get(1));
    if (argv.isEmpty() || help || List.of("help", "-h", "--help").contains(argv.get(0))) {
      out.print(USAGE);
      return argv.isEmpty() ? CliException.USAGE : 0;
    }
    String url = env.getOrDefault("AGENTRY_URL", DEFAULT_URL);
    Api anonymous = new Api(url, null);
    Progress progress = new Progress(err, System.console() != null);
    List<String> rest = argv.subList(1, argv.size());
    try {
      switch (argv.get(0)) {
        case "demo":
          return new DemoCommand(anonymous, out, err, progress).run(rest);
        case "ensure-key":
          out.println(new Accounts(anonymous).ensureKey(Path.of(single(rest, "the key file"))));
          return 0;
        case "agents":
          return new AgentsCommands(authenticated(anonymous, env), out, progress).run(rest);
        case "run":
          return new RunCommand(authenticated(anonymous, env), out, err, progress).run(rest);
        case "tasks":
          return new TasksCommands(authenticated(anonymous, env), out, err, progress).run(rest);
        default:
          throw CliException.usage("unknown command: " + argv.get(0) + " (./agentry help)");
      }
    } catch (CliException e) {
      err.println("agentry: " + e.getMessage());
      return e.exitCode();
    }
  }

  private static Api authenticated(Api anonymous, Map<String, String> env) {
    String key = env.get("AGENTRY_API_KEY");
    if (key == null || key.isBlank()) {
      String file = env.get("AGENTRY_KEY_FILE");
      if (file != null && Files.isRegularFile(Path.of(file))) {
        try {
          key = Files.readString(Path.of(file)).trim();
        } catch (java.io.IOException e) {
          throw new CliException("cannot read the API key in " + file + ": " + e.getMessage());
        }
      }
    }
    if (key == null || key.isBlank()) {
      throw new CliException(
          "no API key: set AGENTRY_API_KEY, or run ./agentry up, which saves one for this checkout");
    }
    return anonymous.as(key);
  }

  private static String single(List<String> words, String what) {
    if (words.size() != 1) {
      throw CliException.usage("expected " + what);
    }
    return words.get(0);
  }
}
