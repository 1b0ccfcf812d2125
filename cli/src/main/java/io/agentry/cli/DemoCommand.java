package io.agentry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * {@code demo}: what a new user does first. Registers a user, uploads the word-count sample, runs a
 * task on it while printing its events live, and prints the result.
 */
final class DemoCommand {

  static final String INPUT =
      "Agentry runs WebAssembly agents in a sandbox.\n"
          + "Each task gets its input on stdin and a hard time and memory limit.\n"
          + "Every outcome is stored and streamed live.\n";

  private final Api anonymous;
  private final PrintStream out;
  private final PrintStream err;
  private final Progress progress;

  DemoCommand(Api anonymous, PrintStream out, PrintStream err, Progress progress) {
    this.anonymous = anonymous;
    this.out = out;
    this.err = err;
    this.progress = progress;
  }

  int run(List<String> words) {
    Args args = Args.parse(words, Set.of("samples"), Set.of());
    Path module = Path.of(args.option("samples").orElse("samples"), "wordcount", "wordcount.wasm");
    if (!Files.isRegularFile(module)) {
      throw CliException.usage("the sample agent is missing: " + module);
    }
    long start = System.nanoTime();

    Accounts.Registered user = new Accounts(anonymous).register("demo");
    out.println("1. registered user " + user.username());
    Api api = anonymous.as(user.apiKey());

    out.println("2. uploading the word-count agent (samples/wordcount, written in C)");
    JsonNode agent =
        new AgentsCommands(api, out, progress)
            .push(
                Args.parse(
                    List.of(
                        module.toString(),
                        "--name",
                        "wordcount",
                        "--version",
                        "1.0.0",
                        "--description",
                        "Counts the lines, words and bytes of its input",
                        "--capability",
                        "text"),
                    Set.of("name", "version", "description", "capability"),
                    Set.of()));

    out.println("3. submitting a task (args --json) and following its events:");
    out.print(indent(INPUT));
    int exit =
        new RunCommand(api, out, err, progress)
            .run(List.of(agent.path("id").asText(), "--input", INPUT, "--arg", "--json", "--wait"));

    out.printf("%n4. done in %d ms. Try it yourself:%n", (System.nanoTime() - start) / 1_000_000);
    out.println("   export AGENTRY_API_KEY=" + user.apiKey());
    out.println("   ./agentry run wordcount --input 'hello agentry' --wait");
    out.println("   ./agentry agents search count");
    return exit;
  }

  private static String indent(String text) {
    return text.lines().map(line -> "   | " + line + "\n").reduce("", String::concat);
  }
}
