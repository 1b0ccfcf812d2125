package io.agentry.cli;

import io.agentry.client.AgentryClient;
import io.agentry.client.model.AcceptedTask;
import io.agentry.client.model.Agent;
import io.agentry.client.model.AgentMetadata;
import io.agentry.client.model.Registration;
import io.agentry.client.model.TaskRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code demo}: what a new user does first. Registers a user, uploads the word-count sample, runs a
 * task on it while printing its events live, and prints the result.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Register a demo user, upload the word-count sample agent, run a task on it with its events"
          + " live, and print the result (./agentry demo starts the platform first)."
    },
    footerHeading = "%nExample:%n",
    footer = "  agentry demo --samples samples")
final class DemoCommand implements Callable<Integer> {

  static final String INPUT =
      "Agentry runs WebAssembly agents in a sandbox.\n"
          + "Each task gets its input on stdin and a hard time and memory limit.\n"
          + "Every outcome is stored and streamed live.\n";

  private final Context context;

  @Option(
      names = "--samples",
      paramLabel = "DIR",
      description = "The samples folder (default: samples).")
  Path samples = Path.of("samples");

  DemoCommand(Context context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    Path module = samples.resolve("wordcount").resolve("wordcount.wasm");
    if (!Files.isRegularFile(module)) {
      throw CliException.usage("the sample agent is missing: " + module);
    }
    long start = System.nanoTime();
    AgentryClient anonymous = context.anonymous();
    Registration user = LocalKey.register(anonymous, "demo");
    context.out.println("1. registered user " + user.username());
    AgentryClient client = anonymous.as(user.apiKey());

    context.out.println("2. uploading the word-count agent (samples/wordcount, written in C)");
    long size = module.toFile().length();
    Agent agent =
        client.push(
            new AgentMetadata(
                "wordcount",
                "1.0.0",
                "Counts the lines, words and bytes of its input",
                List.of("text"),
                null),
            module,
            sent -> context.progress.bytes("uploading " + module.getFileName(), sent, size));
    context.out.println("   pushed " + agent.reference() + " (id " + agent.id() + ")");

    context.out.println("3. submitting a task (args --json) and following its events:");
    context.out.print(indent(INPUT));
    AcceptedTask task =
        client.submit(
            new TaskRequest(agent.id(), INPUT, null, List.of("--json"), Map.of(), null, null),
            null);
    context.progress.line("task " + task.taskId() + " " + task.status());
    int exit = new ResultPrinter(context, client).followAndPrint(task.taskId(), false);

    context.out.printf(
        "%n4. done in %d ms. Try it yourself:%n", (System.nanoTime() - start) / 1_000_000);
    context.out.println("   export AGENTRY_API_KEY=" + user.apiKey());
    context.out.println(
        "   ./agentry run " + agent.ownerName() + "/wordcount --input 'hello agentry' --wait");
    context.out.println("   ./agentry agents search count");
    return exit;
  }

  private static String indent(String text) {
    return text.lines().map(line -> "   | " + line + "\n").reduce("", String::concat);
  }
}
