package io.agentry.gateway.client;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * What a submission needs to know of an agent.
 *
 * @param status {@code active}, {@code deprecated} or {@code disabled}
 * @param binaryHash lowercase hex SHA-256 of the agent binary
 * @param price what a successful task costs now (0 for a free agent)
 * @param ownerId the agent's author, who earns the price
 */
public record AgentSummary(
    UUID id, String status, String binaryHash, BigDecimal price, UUID ownerId) {

  public boolean isActive() {
    return "active".equals(status);
  }
}
