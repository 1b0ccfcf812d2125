package io.agentry.results.problem;

import java.util.List;

/**
 * A 404: the task does not exist or is someone else's (never saying which), or it has not ended yet
 * so it has no result.
 */
public class NotFoundException extends ResultsException {

  private NotFoundException(ProblemType type, String detail) {
    super(type, detail, List.of());
  }

  public static NotFoundException task(Object id) {
    return new NotFoundException(ProblemType.TASK_NOT_FOUND, "No task with id " + id + ".");
  }

  /** An agent id that is not a UUID; any UUID has statistics, zero before its first run. */
  public static NotFoundException agent(Object id) {
    return new NotFoundException(ProblemType.AGENT_NOT_FOUND, "No agent with id " + id + ".");
  }

  public static NotFoundException resultNotReady(Object id) {
    return new NotFoundException(
        ProblemType.RESULT_NOT_READY,
        "Task " + id + " has not ended yet; its result is recorded when it does.");
  }
}
