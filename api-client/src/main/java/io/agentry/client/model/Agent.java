package io.agentry.client.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An agent version of the marketplace (docs/contract.md, "Agents").
 *
 * @param permissions what the version may do outside its sandbox; null from a server without them
 * @param statusReason the owner's reason for a deprecation or yank, or null
 * @param reviewCount how many ratings carry a review; this and the trust figures after it are null
 *     from a server without them
 * @param successRate the share of the runs of the last 30 days that succeeded, null without runs
 * @param runs30d the runs that ended in the last 30 days
 * @param users30d the distinct users of those runs
 * @param p50DurationMs the median duration of those runs, null without runs
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
    String statusReason,
    BigDecimal price,
    String binaryUrl,
    String binaryHash,
    long binarySize,
    long tasksCompleted,
    BigDecimal rating,
    int ratingCount,
    Integer reviewCount,
    BigDecimal successRate,
    Integer runs30d,
    Integer users30d,
    Long p50DurationMs,
    Instant createdAt,
    Instant updatedAt) {

  /** {@code OWNER/NAME@VERSION}: how people refer to this agent. */
  public String reference() {
    return ownerName + "/" + name + "@" + version;
  }
}
