package io.agentry.wire;

/**
 * The life of a task: {@code QUEUED}, then {@code RUNNING}, then exactly one terminal status. A
 * task's status only moves forward, so late and duplicate events change nothing.
 */
public enum TaskStatus {
  QUEUED,
  RUNNING,
  SUCCEEDED,
  FAILED,
  TIMED_OUT,
  CANCELLED,
  REJECTED;

  /** True for the five statuses a task ends in. */
  public boolean isTerminal() {
    return rank() == 2;
  }

  /** True when the task ran to an end: SUCCEEDED, FAILED or TIMED_OUT (what statistics count). */
  public boolean isCompleted() {
    return this == SUCCEEDED || this == FAILED || this == TIMED_OUT;
  }

  /** 0 for QUEUED, 1 for RUNNING, 2 for every terminal status. */
  public int rank() {
    return switch (this) {
      case QUEUED -> 0;
      case RUNNING -> 1;
      default -> 2;
    };
  }

  /**
   * True only when {@code next} is strictly further along: a terminal status never changes, and a
   * late RUNNING or a duplicate changes nothing.
   */
  public boolean canAdvanceTo(TaskStatus next) {
    return next.rank() > rank();
  }
}
