package io.agentry.cli;

import io.agentry.client.AgentryClient;
import io.agentry.client.ResultWait;
import io.agentry.client.model.Page;
import io.agentry.client.model.Task;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tasks ...}: the caller's tasks. */
@Command(
    name = "tasks",
    mixinStandardHelpOptions = true,
    description = "List, show, follow and cancel your tasks; print their results.",
    commandListHeading = "%nCommands:%n",
    footerHeading = "%nExample:%n",
    footer = "  agentry tasks list --status FAILED")
final class TasksCommand implements Callable<Integer> {

  /** {@code tasks result} asks once: a task that has not ended is said so at once. */
  private static final ResultWait ASK_ONCE =
      new ResultWait(Duration.ZERO, Duration.ZERO, Duration.ZERO, millis -> {});

  /** {@code tasks watch} gives a task that is not stored yet a few seconds to appear. */
  private static final ResultWait FIND_TASK =
      new ResultWait(
          Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(10), Thread::sleep);

  private final Context context;

  @Spec CommandSpec spec;

  TasksCommand(Context context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(context.err);
    return CliException.USAGE;
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List your tasks, newest first.",
      footerHeading = "%nExample:%n",
      footer = "  agentry tasks list --agent alice/json-pretty --status SUCCEEDED --limit 50")
  int list(
      @Option(
              names = "--status",
              description = "QUEUED, RUNNING, SUCCEEDED, FAILED, TIMED_OUT, CANCELLED or REJECTED.")
          String status,
      @Option(names = "--agent", paramLabel = "AGENT", description = "Of this agent version.")
          String agent,
      @Option(names = "--limit", paramLabel = "N", description = "1-100, default 20.")
          Integer limit,
      @Option(
              names = "--cursor",
              paramLabel = "CURSOR",
              description = "The next page, as the last one said.")
          String cursor,
      @Mixin OutputOptions output) {
    AgentryClient client = context.client();
    UUID agentId = agent == null ? null : new AgentResolver(client).id(AgentReference.parse(agent));
    Page<Task> page = client.tasks(status, agentId, limit, cursor);
    if (output.isJson()) {
      OutputOptions.printJson(context.out, page);
      return 0;
    }
    if (page.items().isEmpty()) {
      context.err.println("no tasks found");
      return 0;
    }
    Table table = new Table("TASK", "STATUS", "AGENT", "SUBMITTED", "ATTEMPTS");
    page.items()
        .forEach(
            task ->
                table.row(
                    task.taskId(),
                    task.status(),
                    task.agentId(),
                    task.submittedAt(),
                    task.attempts()));
    table.print(context.out);
    AgentText.more(context.err, page);
    return 0;
  }

  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = "Show a task's status, times and attempts.",
      footerHeading = "%nExample:%n",
      footer = "  agentry tasks show 6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f --json")
  int show(@Parameters(paramLabel = "TASK_ID") String id, @Mixin OutputOptions output) {
    Task task = context.client().task(AgentReference.taskId(id));
    if (output.isJson()) {
      OutputOptions.printJson(context.out, task);
      return 0;
    }
    new Table("task", task.taskId().toString())
        .row("status", task.status())
        .row("agent", task.agentId())
        .row("submitted", task.submittedAt())
        .row("started", task.startedAt())
        .row("finished", task.finishedAt())
        .row("attempts", task.attempts())
        .print(context.out);
    return 0;
  }

  @Command(
      name = "result",
      mixinStandardHelpOptions = true,
      description = {
        "Print an ended task's output: stdout's exact bytes on stdout, stderr on stderr, and a"
            + " summary; the exit code is the task's."
      },
      footerHeading = "%nExample:%n",
      footer = "  agentry tasks result 6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f > out.json")
  int result(@Parameters(paramLabel = "TASK_ID") String id, @Mixin OutputOptions output) {
    return new ResultPrinter(context, context.client(), ASK_ONCE)
        .print(AgentReference.taskId(id), output.isJson());
  }

  @Command(
      name = "watch",
      mixinStandardHelpOptions = true,
      description = {
        "Follow a task live until it ends (events on stderr), then print its result as 'tasks"
            + " result' does."
      },
      footerHeading = "%nExample:%n",
      footer = "  agentry tasks watch 6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f")
  int watch(@Parameters(paramLabel = "TASK_ID") String id, @Mixin OutputOptions output) {
    UUID taskId = AgentReference.taskId(id);
    AgentryClient client = context.client();
    // A task queued a moment ago may not be stored yet; an id that is nobody's never will be.
    FIND_TASK.await(() -> client.task(taskId));
    return new ResultPrinter(context, client).followAndPrint(taskId, output.isJson());
  }

  @Command(
      name = "cancel",
      mixinStandardHelpOptions = true,
      description = "Cancel a task: a queued one never runs, a running one is stopped.",
      footerHeading = "%nExample:%n",
      footer = "  agentry tasks cancel 6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f")
  int cancel(@Parameters(paramLabel = "TASK_ID") String id) {
    UUID taskId = AgentReference.taskId(id);
    context.client().cancel(taskId);
    context.out.println("cancellation requested for " + taskId);
    return 0;
  }
}
