package io.agentry.client.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An agent version of the marketplace (docs/contract.md, "Agents").
 *
 * @param permissions what the version may do outside its sandbox; null from a server without them
 */
public record Agent(
    UUID id,
    UUID ownerId,
    String ownerName,
    String name,
    String description,
    String version,
    List<String> capabilities,
    AgentPermissions permissions,
    String status,
    BigDecimal price,
    String binaryUrl,
    String binaryHash,
    long binarySize,
    long tasksCompleted,
    BigDecimal rating,
    int ratingCount,
    Instant createdAt,
    Instant updatedAt) {

  /** {@code OWNER/NAME@VERSION}: how people refer to this agent. */
  public String reference() {
    return ownerName + "/" + name + "@" + version;
  }
}
