package io.agentry.cli;

import io.agentry.client.AgentryClient;
import io.agentry.client.model.AcceptedTask;
import io.agentry.client.model.TaskRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code run AGENT [--input ...] [--wait] [-- ARGS...]}: submits a task. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Run a task on an agent: queue it and print its id, or with --wait follow it live (events on"
          + " stderr) and print its output; the exit code is then the task's.",
      "Arguments after AGENT go to the agent; put them after -- when they start with '-'."
    },
    footerHeading = "%nExample:%n",
    footer = {
      "  agentry run alice/json-pretty --input '{\"a\":[1,2]}' --wait -- --indent 2",
      "  agentry run wordcount@1.0.0 --input-file notes.txt --wait --json"
    })
final class RunCommand implements Callable<Integer> {

  private final Context context;

  @Parameters(
      index = "0",
      paramLabel = "AGENT",
      description = "ID, NAME, OWNER/NAME or OWNER/NAME@VERSION.")
  String agent;

  @Parameters(index = "1..*", paramLabel = "ARGS", description = "Arguments for the agent.")
  List<String> trailingArgs = new ArrayList<>();

  @Option(names = "--input", paramLabel = "TEXT", description = "The task's stdin, as text.")
  String input;

  @Option(
      names = "--input-file",
      paramLabel = "FILE",
      description = "The task's stdin: a file's bytes, or - for this stdin.")
  String inputFile;

  @Option(
      names = "--arg",
      paramLabel = "A",
      description = "An argument for the agent (repeatable; before ARGS).")
  List<String> args = new ArrayList<>();

  @Option(
      names = "--env",
      paramLabel = "NAME=VALUE",
      description = "An environment variable (repeatable).")
  List<String> env = new ArrayList<>();

  @Option(
      names = "--timeout-ms",
      paramLabel = "MS",
      description = "Time limit, 1-300000 (default 30000).")
  Integer timeoutMs;

  @Option(
      names = "--max-memory-mb",
      paramLabel = "MB",
      description = "Memory limit, 1-512 (default 64).")
  Integer maxMemoryMb;

  @Option(
      names = "--idempotency-key",
      paramLabel = "KEY",
      description = "Sent twice within 24 h, runs once.")
  String idempotencyKey;

  @Option(names = "--wait", description = "Follow the task to its end and print its result.")
  boolean waitForEnd;

  @Mixin OutputOptions output;

  RunCommand(Context context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    if (input != null && inputFile != null) {
      throw CliException.usage("give --input or --input-file, not both");
    }
    AgentReference reference = AgentReference.parse(agent);
    List<String> argv = new ArrayList<>(args);
    argv.addAll(trailingArgs);
    Map<String, String> environment = environment(env);
    String inputBase64 = inputFile == null ? null : readBase64(inputFile);
    AgentryClient client = context.client();
    TaskRequest request =
        new TaskRequest(
            new AgentResolver(client).id(reference),
            input,
            inputBase64,
            argv,
            environment,
            timeoutMs,
            maxMemoryMb);
    AcceptedTask accepted = client.submit(request, idempotencyKey);
    if (!waitForEnd) {
      if (output.isJson()) {
        OutputOptions.printJson(context.out, accepted);
      } else {
        context.out.println(accepted.taskId());
        context.err.println("queued; follow it with agentry tasks watch " + accepted.taskId());
      }
      return 0;
    }
    context.progress.line("task " + accepted.taskId() + " " + accepted.status());
    return new ResultPrinter(context, client).followAndPrint(accepted.taskId(), output.isJson());
  }

  private static Map<String, String> environment(List<String> pairs) {
    Map<String, String> env = new LinkedHashMap<>();
    for (String pair : pairs) {
      int equals = pair.indexOf('=');
      if (equals <= 0) {
        throw CliException.usage("--env takes NAME=VALUE, not '" + pair + "'");
      }
      env.put(pair.substring(0, equals), pair.substring(equals + 1));
    }
    return env;
  }

  /** The file's bytes, or stdin's when the file is "-". */
  private String readBase64(String file) {
    try {
      byte[] bytes =
          file.equals("-") ? context.in.readAllBytes() : Files.readAllBytes(Path.of(file));
      return Base64.getEncoder().encodeToString(bytes);
    } catch (IOException e) {
      throw CliException.usage("cannot read " + file + ": " + e.getMessage());
    }
  }
}
