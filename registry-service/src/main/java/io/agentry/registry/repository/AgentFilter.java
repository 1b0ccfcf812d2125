package io.agentry.registry.repository;

import io.agentry.registry.AgentSort;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/**
 * What a page of agents is selected by. Null fields do not filter, except {@code status}: null
 * means every agent that is not disabled.
 *
 * @param tsQuery a {@code to_tsquery('english', ...)} text, or null for no text search
 * @param exactName with {@code tsQuery}: a name that also matches, ranked above every text match
 * @param name only agents of exactly this name
 * @param ownerName only agents of the owner with this username (any letter case)
 * @param versionKey only this version ({@code Semver.sortKey}, so build metadata is ignored)
 * @param afterKey the sort value of the last agent of the previous page, or null for the first
 * @param afterId the id of that agent
 */
public record AgentFilter(
    String tsQuery,
    String exactName,
    String name,
    String ownerName,
    String versionKey,
    String status,
    List<String> capabilities,
    UUID owner,
    BigDecimal maxPrice,
    BigDecimal minRating,
    AgentSort sort,
    Object afterKey,
    UUID afterId,
    int limit) {

  public AgentFilter {
    capabilities = List.copyOf(capabilities);
  }
}
