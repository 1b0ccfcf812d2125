package io.agentry.cli;

import io.agentry.client.AgentryClient;
import io.agentry.client.AgentryClient.OutputStream;
import io.agentry.client.ApiException;
import io.agentry.client.ResultWait;
import io.agentry.client.TaskFollower;
import io.agentry.client.model.TaskResult;
import java.util.UUID;

/**
 * Prints an ended task: its exact stdout bytes on stdout, its stderr on stderr and a summary line
 * (or, with --json, the result object on stdout); the command's exit code follows the task. The
 * result is waited for while it is not stored yet ({@link ResultWait}).
 */
final class ResultPrinter {

  private final Context context;
  private final AgentryClient client;
  private final ResultWait wait;

  ResultPrinter(Context context, AgentryClient client, ResultWait wait) {
    this.context = context;
    this.client = client;
    this.wait = wait;
  }

  ResultPrinter(Context context, AgentryClient client) {
    this(context, client, ResultWait.standard());
  }

  /** Follows the task to its end (events on stderr), then prints its result. */
  int followAndPrint(UUID taskId, boolean json) {
    new TaskFollower(client)
        .follow(
            taskId,
            new TaskFollower.Listener() {
              @Override
              public void onEvent(io.agentry.client.model.TaskEvent event) {
                context.progress.line(EventLine.of(event));
              }

              @Override
              public void onNote(String note) {
                context.progress.line("  (" + note + ")");
              }
            });
    return print(taskId, json);
  }

  /** Prints the stored result of an ended task and returns the exit code for the command. */
  int print(UUID taskId, boolean json) {
    TaskResult result;
    try {
      result = wait.await(client, taskId);
    } catch (ApiException e) {
      if (e.is(ResultWait.NOT_READY)) {
        throw new CliException(
            "the task has not ended, or its result is not stored yet; ask again with agentry"
                + " tasks result "
                + taskId);
      }
      throw e;
    }
    if (json) {
      OutputOptions.printJson(context.out, result);
    } else {
      byte[] stdout = client.output(taskId, OutputStream.STDOUT);
      context.out.write(stdout, 0, stdout.length);
      context.out.flush();
      byte[] stderr = client.output(taskId, OutputStream.STDERR);
      context.err.write(stderr, 0, stderr.length);
      context.err.println(summary(result));
    }
    return exitCode(result);
  }

  static String summary(TaskResult result) {
    StringBuilder line = new StringBuilder("== ").append(result.status());
    if (result.exitCode() != null) {
      line.append(", exit code ").append(result.exitCode());
    }
    line.append(", ").append(result.durationMs()).append(" ms");
    if (result.stdoutTruncated()) {
      line.append(", stdout truncated");
    }
    if (result.stderrTruncated()) {
      line.append(", stderr truncated");
    }
    if (result.error() != null) {
      line.append(": ").append(result.error());
    }
    return line.toString();
  }

  /** 0 for SUCCEEDED, else the module's exit code (1-255), else 1. */
  static int exitCode(TaskResult result) {
    if (result.succeeded()) {
      return 0;
    }
    Integer code = result.exitCode();
    return code != null && code > 0 && code < 256 ? code : CliException.FAILURE;
  }
}
