package io.agentry.wire;

import java.time.Instant;
import java.util.UUID;

/**
 * An instruction about a task that may already be queued or running, as published on {@link
 * Topics#TASK_CONTROL}: for now only {@link Action#CANCEL}. Every executor reads every control
 * message. The constructor enforces the same rules as {@link WireCodec#decodeControl}, throwing
 * {@link IllegalArgumentException} with the reason.
 *
 * @param userId the user who asked; an executor applies the action only to that user's task
 * @param at when the user asked
 */
public record TaskControl(int specVersion, UUID taskId, UUID userId, Action action, Instant at) {

  /** What to do with the task. */
  public enum Action {
    /** A queued task never runs, a running one is stopped; both end CANCELLED. */
    CANCEL
  }

  public TaskControl {
    Checks.specVersion(specVersion);
    Checks.present(taskId, "taskId");
    Checks.present(userId, "userId");
    Checks.present(action, "action");
    Checks.timestamp("at", at);
  }

  /** A cancellation of the current {@link TaskLimits#SPEC_VERSION}. */
  public static TaskControl cancel(UUID taskId, UUID userId, Instant at) {
    return new TaskControl(TaskLimits.SPEC_VERSION, taskId, userId, Action.CANCEL, at);
  }
}
