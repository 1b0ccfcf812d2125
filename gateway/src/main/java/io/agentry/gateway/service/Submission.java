package io.agentry.gateway.service;

import io.agentry.gateway.AcceptedTask;
import io.agentry.gateway.TaskOutcome;

/** What a submission answers: the queued task (202), or its outcome when it ended in time (200). */
public sealed interface Submission {

  /** The task is queued. */
  record Accepted(AcceptedTask task) implements Submission {}

  /** The task ended while the request waited. */
  record Finished(TaskOutcome outcome) implements Submission {}
}
