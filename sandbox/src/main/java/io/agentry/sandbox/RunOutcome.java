package io.agentry.sandbox;

import io.agentry.wire.TaskResult;
import io.agentry.wire.TaskStatus;

/**
 * How a task ended: a terminal status and its result, ready for a terminal event.
 *
 * @param status SUCCEEDED, FAILED, TIMED_OUT, CANCELLED or REJECTED
 * @param result agrees with {@code status} as {@link io.agentry.wire.TaskEvent} requires
 */
public record RunOutcome(TaskStatus status, TaskResult result) {

  /** The error of a task that its user cancelled. */
  public static final String CANCELLED_BY_USER = "cancelled by the user";

  /** Longest error kept from a message that is not ours, e.g. Endive's. */
  /** The task never ran: something about it is wrong. */
  public static RunOutcome rejected(String error) {
    return new RunOutcome(TaskStatus.REJECTED, TaskResult.withoutOutput(0, ErrorText.of(error)));
  }

  /** The task failed before its module started, e.g. its binary could not be used. */
  public static RunOutcome failed(String error) {
    return new RunOutcome(TaskStatus.FAILED, TaskResult.withoutOutput(0, ErrorText.of(error)));
  }

  /** The user cancelled the task before it started: it never ran. */
  public static RunOutcome cancelled() {
    return new RunOutcome(TaskStatus.CANCELLED, TaskResult.withoutOutput(0, CANCELLED_BY_USER));
  }
}
