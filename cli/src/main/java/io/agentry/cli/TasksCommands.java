package io.agentry.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Set;

/** {@code tasks watch | show | result | cancel}: one task. */
final class TasksCommands {

  private final Api api;
  private final PrintStream out;
  private final PrintStream err;
  private final Progress progress;

  TasksCommands(Api api, PrintStream out, PrintStream err, Progress progress) {
    this.api = api;
    this.out = out;
    this.err = err;
    this.progress = progress;
  }

  int run(List<String> words) {
    if (words.isEmpty()) {
      throw CliException.usage("tasks needs a subcommand: watch, show, result or cancel");
    }
    Args args = Args.parse(words.subList(1, words.size()), Set.of(), Set.of());
    String taskId = args.requirePositional(0, "the task id");
    if (!AgentRef.isUuid(taskId)) {
      throw CliException.usage("a task id is a UUID, not '" + taskId + "'");
    }
    switch (words.get(0)) {
      case "watch":
        return RunCommand.followAndPrint(api, taskId, out, err, progress);
      case "show":
        out.println(api.get("/tasks/" + taskId).toPrettyString());
        return 0;
      case "result":
        return new ResultPrinter(api, out, err).print(taskId);
      case "cancel":
        api.send(api.request("/tasks/" + taskId).DELETE());
        err.println("cancellation requested for " + taskId);
        return 0;
      default:
        throw CliException.usage("unknown tasks subcommand: " + words.get(0));
    }
  }
}
