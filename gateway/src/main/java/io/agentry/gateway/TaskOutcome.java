package io.agentry.gateway;

import io.agentry.wire.TaskEvent;
import io.agentry.wire.TaskResult;
import io.agentry.wire.TaskUsage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * The 200 body of a submission that waited for its task to end: the same shape as {@code GET
 * /tasks/{id}/results}, built from the terminal event. stdout and stderr are text, with invalid
 * UTF-8 replaced.
 */
public record TaskOutcome(
    UUID taskId,
    UUID agentId,
    String status,
    Integer exitCode,
    String stdout,
    String stderr,
    boolean stdoutTruncated,
    boolean stderrTruncated,
    long durationMs,
    String error,
    Instant createdAt,
    TaskUsage usage) {

  /** The outcome of a terminal event. */
  public static TaskOutcome of(TaskEvent event) {
    TaskResult result = event.result();
    return new TaskOutcome(
        event.taskId(),
        event.agentId(),
        event.status().name(),
        result.exitCode(),
        new String(result.stdout(), StandardCharsets.UTF_8),
        new String(result.stderr(), StandardCharsets.UTF_8),
        result.stdoutTruncated(),
        result.stderrTruncated(),
        result.durationMs(),
        result.error(),
        event.at(),
        result.usage());
  }
}
