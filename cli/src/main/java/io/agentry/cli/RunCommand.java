package io.agentry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code run AGENT [--input TEXT | --input-file FILE] ... [--wait]}: submits a task. */
final class RunCommand {

  private static final Set<String> VALUED =
      Set.of("input", "input-file", "arg", "env", "timeout-ms", "max-memory-mb", "idempotency-key");

  private final Api api;
  private final PrintStream out;
  private final PrintStream err;
  private final Progress progress;

  RunCommand(Api api, PrintStream out, PrintStream err, Progress progress) {
    this.api = api;
    this.out = out;
    this.err = err;
    this.progress = progress;
  }

  int run(List<String> words) {
    Args args = Args.parse(words, VALUED, Set.of("wait"));
    String agentId = new AgentRef(api).resolve(args.requirePositional(0, "the agent id or name"));
    String taskId = submit(agentId, args);
    if (!args.flag("wait")) {
      out.println(taskId);
      err.println("queued; follow it with ./agentry tasks watch " + taskId);
      return 0;
    }
    return followAndPrint(api, taskId, out, err, progress);
  }

  /** Follows a task to its end and prints its result; the exit code follows the task's. */
  static int followAndPrint(
      Api api, String taskId, PrintStream out, PrintStream err, Progress progress) {
    new TaskWatcher(api, progress).follow(taskId);
    return new ResultPrinter(api, out, err).print(taskId);
  }

  private String submit(String agentId, Args args) {
    ObjectNode body = Api.object();
    body.put("agentId", agentId);
    if (args.option("input").isPresent() && args.option("input-file").isPresent()) {
      throw CliException.usage("give --input or --input-file, not both");
    }
    args.option("input").ifPresent(text -> body.put("input", text));
    args.option("input-file").ifPresent(file -> body.put("inputBase64", readBase64(file)));
    var argv = body.putArray("args");
    args.all("arg").forEach(argv::add);
    ObjectNode env = body.putObject("env");
    for (String pair : args.all("env")) {
      int equals = pair.indexOf('=');
      if (equals <= 0) {
        throw CliException.usage("--env takes NAME=VALUE, not '" + pair + "'");
      }
      env.put(pair.substring(0, equals), pair.substring(equals + 1));
    }
    args.intOption("timeout-ms").ifPresent(ms -> body.put("timeoutMs", ms));
    args.intOption("max-memory-mb").ifPresent(mb -> body.put("maxMemoryMb", mb));
    Map<String, String> headers =
        args.option("idempotency-key").map(key -> Map.of("Idempotency-Key", key)).orElse(Map.of());
    JsonNode accepted = api.postJson("/tasks", body, headers);
    String taskId = accepted.path("taskId").asText();
    progress.line("task " + taskId + " " + accepted.path("status").asText("QUEUED"));
    return taskId;
  }

  /** The file's bytes, or stdin's when the file is "-". */
  private static String readBase64(String file) {
    try (InputStream in = file.equals("-") ? System.in : Files.newInputStream(Path.of(file))) {
      return Base64.getEncoder().encodeToString(in.readAllBytes());
    } catch (IOException e) {
      throw CliException.usage("cannot read " + file + ": " + e.getMessage());
    }
  }
}
