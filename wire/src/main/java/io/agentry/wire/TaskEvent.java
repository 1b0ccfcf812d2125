package io.agentry.wire;

import java.time.Instant;
import java.util.UUID;

/**
 * A change of a task's status, as published on {@link Topics#TASK_EVENTS}. The constructor enforces
 * the same rules as {@link WireCodec#decodeEvent}, throwing {@link IllegalArgumentException}.
 *
 * <p>Rules beyond field types: {@code result} is present exactly on terminal events and agrees with
 * the status (SUCCEEDED: exit code 0 and no error; every other terminal status: an error, and an
 * exit code only on FAILED, never 0). QUEUED events carry attempt 0, RUNNING events 1 and up.
 *
 * @param agentId null only on a REJECTED event for a record whose agentId was unreadable
 * @param userId null only on a REJECTED event for a record whose userId was unreadable
 * @param attempt how many times an executor has started the task, counting this one
 * @param executorId the executor that published the event, or null
 * @param result the outcome on a terminal event, null otherwise
 */
public record TaskEvent(
    int specVersion,
    UUID taskId,
    UUID agentId,
    UUID userId,
    TaskStatus status,
    Instant at,
    int attempt,
    String executorId,
    TaskResult result) {

  public TaskEvent {
    Checks.specVersion(specVersion);
    Checks.present(taskId, "taskId");
    Checks.present(status, "status");
    if (status != TaskStatus.REJECTED) {
      Checks.present(agentId, "agentId");
      Checks.present(userId, "userId");
    }
    Checks.timestamp("at", at);
    checkAttempt(status, attempt);
    if (executorId != null) {
      if (executorId.isBlank()) {
        throw new IllegalArgumentException("field 'executorId' must not be blank");
      }
      Checks.storedText("field 'executorId'", executorId, TaskLimits.MAX_EXECUTOR_ID_BYTES);
    }
    checkResult(status, result);
  }

  /** An event of the current {@link TaskLimits#SPEC_VERSION}. */
  public TaskEvent(
      UUID taskId,
      UUID agentId,
      UUID userId,
      TaskStatus status,
      Instant at,
      int attempt,
      String executorId,
      TaskResult result) {
    this(TaskLimits.SPEC_VERSION, taskId, agentId, userId, status, at, attempt, executorId, result);
  }

  /** The task was accepted and waits for an executor. */
  public static TaskEvent queued(TaskMessage task, Instant at) {
    return new TaskEvent(
        task.taskId(), task.agentId(), task.userId(), TaskStatus.QUEUED, at, 0, null, null);
  }

  /** An executor started the task; {@code attempt} is 1 on the first start. */
  public static TaskEvent running(TaskMessage task, int attempt, String executorId, Instant at) {
    return new TaskEvent(
        task.taskId(),
        task.agentId(),
        task.userId(),
        TaskStatus.RUNNING,
        at,
        attempt,
        executorId,
        null);
  }

  /** The task ended with a terminal {@code status}. */
  public static TaskEvent finished(
      TaskMessage task,
      TaskStatus status,
      int attempt,
      String executorId,
      Instant at,
      TaskResult result) {
    return new TaskEvent(
        task.taskId(), task.agentId(), task.userId(), status, at, attempt, executorId, result);
  }

  /**
   * The task could not be run at all, e.g. its record was malformed; the ids come from {@link
   * WireFormatException} and agentId and userId may be null.
   */
  public static TaskEvent rejected(
      UUID taskId, UUID agentId, UUID userId, String executorId, Instant at, String error) {
    return new TaskEvent(
        taskId,
        agentId,
        userId,
        TaskStatus.REJECTED,
        at,
        0,
        executorId,
        TaskResult.withoutOutput(0, error));
  }

  private static void checkAttempt(TaskStatus status, int attempt) {
    Checks.inRange("attempt", attempt, 0, Integer.MAX_VALUE);
    if (status == TaskStatus.QUEUED && attempt != 0) {
      throw new IllegalArgumentException(
          "field 'attempt' must be 0 on a QUEUED event, was " + attempt);
    }
    if (status == TaskStatus.RUNNING && attempt < 1) {
      throw new IllegalArgumentException(
          "field 'attempt' must be at least 1 on a RUNNING event, was " + attempt);
    }
  }

  private static void checkResult(TaskStatus status, TaskResult result) {
    if (!status.isTerminal()) {
      if (result != null) {
        throw new IllegalArgumentException(
            "field 'result' must be absent on a " + status + " event");
      }
      return;
    }
    if (result == null) {
      throw new IllegalArgumentException(
          "missing field 'result' (required on a " + status + " event)");
    }
    Integer exitCode = result.exitCode();
    if (status == TaskStatus.SUCCEEDED) {
      if (exitCode == null || exitCode != 0) {
        throw new IllegalArgumentException(
            "field 'result.exitCode' must be 0 on a SUCCEEDED event, was " + exitCode);
      }
      if (result.error() != null) {
        throw new IllegalArgumentException(
            "field 'result.error' must be absent on a SUCCEEDED event");
      }
      return;
    }
    if (result.error() == null) {
      throw new IllegalArgumentException(
          "missing field 'result.error' (a "
              + status
              + " event must say why the task did not succeed)");
    }
    if (status == TaskStatus.FAILED && exitCode != null && exitCode == 0) {
      throw new IllegalArgumentException("field 'result.exitCode' must not be 0 on a FAILED event");
    }
    if (status != TaskStatus.FAILED && exitCode != null) {
      throw new IllegalArgumentException(
          "field 'result.exitCode' must be absent on a "
              + status
              + " event (the module did not exit by itself)");
    }
  }
}
