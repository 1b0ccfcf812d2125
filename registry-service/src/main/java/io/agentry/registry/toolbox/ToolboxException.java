package io.agentry.registry.toolbox;

import io.agentry.registry.problem.ProblemType;
import io.agentry.registry.problem.RegistryException;
import java.util.UUID;

/**
 * A toolbox change that cannot be made: the agent takes no tasks, the toolbox is full, or absent.
 */
public class ToolboxException extends RegistryException {

  private ToolboxException(ProblemType type, String detail) {
    super(type, detail);
  }

  static ToolboxException unavailable(UUID agentId, String status) {
    return new ToolboxException(
        ProblemType.AGENT_UNAVAILABLE,
        "Agent "
            + agentId
            + " is "
            + status
            + " and takes no tasks, so it cannot be a tool; add an active version.");
  }

  static ToolboxException full(int max) {
    return new ToolboxException(
        ProblemType.TOOLBOX_FULL,
        "Your toolbox already holds "
            + max
            + " agents, the most it can; remove one (DELETE /users/me/toolbox/{agentId}) first.");
  }

  static ToolboxException notInToolbox(Object agentId) {
    return new ToolboxException(
        ProblemType.TOOLBOX_ENTRY_NOT_FOUND, "Agent " + agentId + " is not in your toolbox.");
  }
}
