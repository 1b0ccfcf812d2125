package io.agentry.registry;

import com.fasterxml.jackson.annotation.JsonRawValue;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An agent version in the marketplace, exactly as the API shows it.
 *
 * @param ownerName the owner's username
 * @param permissions what the version may do outside its sandbox (outbound HTTP origins)
 * @param status {@code active}, {@code deprecated}, {@code yanked} or {@code disabled}
 * @param statusReason why the owner deprecated or yanked it, or null
 * @param rating the mean score to 2 decimals, null before the first rating
 * @param reviewCount how many of its ratings carry a review
 * @param successRate the share of its runs of the last 30 days that SUCCEEDED (0 to 1, to 4
 *     decimals), null without runs; this and the next three trail new runs by up to the rollup's
 *     interval
 * @param runs30d its runs that ended in the last 30 days (SUCCEEDED, FAILED or TIMED_OUT)
 * @param users30d the distinct users of those runs
 * @param p50DurationMs the median duration of those runs, null without runs
 * @param binaryHash the lowercase hex SHA-256 of the binary
 * @param inputSchema the JSON Schema of the arguments as a tool (JSON text, written as JSON), or
 *     null
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
    int reviewCount,
    BigDecimal successRate,
    int runs30d,
    int users30d,
    Long p50DurationMs,
    Instant createdAt,
    Instant updatedAt,
    @JsonRawValue String inputSchema) {

  public Agent {
    capabilities = List.copyOf(capabilities);
  }

  /** The public path of an agent; {@code Location} headers use it. */
  public static String publicPath(UUID id) {
    return "/api/v1/agents/" + id;
  }

  public boolean isOwnedBy(Caller caller) {
    return ownerId.equals(caller.id());
  }
}
