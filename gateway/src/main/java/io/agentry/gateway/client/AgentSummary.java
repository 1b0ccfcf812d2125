package io.agentry.gateway.client;

import java.util.UUID;

/**
 * What a submission needs to know of an agent.
 *
 * @param status {@code active}, {@code deprecated} or {@code disabled}
 * @param binaryHash lowercase hex SHA-256 of the agent binary
 */
public record AgentSummary(UUID id, String status, String binaryHash) {

  public boolean isActive() {
    return "active".equals(status);
  }
}
