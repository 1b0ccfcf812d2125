package io.agentry.gateway.client;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * What a submission needs to know of an agent.
 *
 * @param status {@code active}, {@code deprecated}, {@code yanked} or {@code disabled}
 * @param statusReason why the owner deprecated or yanked it, or null
 * @param binaryHash lowercase hex SHA-256 of the agent binary
 * @param price what a successful task costs now (0 for a free agent)
 * @param ownerId the agent's author, who earns the price
 */
public record AgentSummary(
    UUID id,
    String status,
    String statusReason,
    String binaryHash,
    BigDecimal price,
    UUID ownerId) {

  /**
   * Whether the agent takes new tasks: an active or a deprecated version does (deprecation only
   * warns); a yanked or disabled one does not.
   */
  public boolean takesNewTasks() {
    return "active".equals(status) || "deprecated".equals(status);
  }
}
