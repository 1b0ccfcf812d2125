package io.agentry.executor.client;

import java.util.UUID;

/**
 * The registry could not say what an agent is. The message is the task's error: a sentence a person
 * can act on.
 */
public final class AgentLookupException extends RuntimeException {

  /**
   * @param message the task's error
   */
  public AgentLookupException(String message, Throwable cause) {
    super(message, cause);
  }

  static AgentLookupException unreachable(UUID agentId, int attempts, Throwable cause) {
    return new AgentLookupException(
        "the registry could not be reached to look up agent "
            + agentId
            + " after "
            + attempts
            + (attempts == 1 ? " attempt" : " attempts")
            + "; submit the task again",
        cause);
  }

  static AgentLookupException refused(UUID agentId, int status, Throwable cause) {
    return new AgentLookupException(
        "the registry refused to look up agent "
            + agentId
            + " (HTTP "
            + status
            + "); the executor's access to the registry needs fixing",
        cause);
  }

  static AgentLookupException incomplete(UUID agentId) {
    return new AgentLookupException(
        "the registry's answer for agent "
            + agentId
            + " lacks its name, status or binary hash; the registry needs fixing",
        null);
  }
}
