package io.agentry.client;

import java.util.List;
import java.util.UUID;

/**
 * The parameters of {@code GET /agents}; null (or empty) ones are left out. {@code name}, {@code
 * ownerName} and {@code version} match exactly; {@code sort} is one of {@code createdAt}, {@code
 * rating}, {@code tasksCompleted}, {@code name}, {@code version}.
 */
public record AgentFilter(
    String name,
    String ownerName,
    String version,
    String status,
    List<String> capabilities,
    UUID owner,
    String sort,
    Integer limit,
    String cursor) {

  /** Every agent that is not disabled, newest first. */
  public static AgentFilter all() {
    return new AgentFilter(null, null, null, null, List.of(), null, null, null, null);
  }

  /** The agents named exactly {@code name}, of any owner. */
  public static AgentFilter named(String name) {
    return new AgentFilter(name, null, null, null, List.of(), null, null, null, null);
  }

  /**
   * The agents {@code ownerName/name}: the one {@code version} when it is given, else every
   * version, newest semver first.
   */
  public static AgentFilter versionsOf(String ownerName, String name, String version) {
    return new AgentFilter(name, ownerName, version, null, List.of(), null, "version", null, null);
  }

  public AgentFilter withStatus(String newStatus) {
    return new AgentFilter(
        name, ownerName, version, newStatus, capabilities, owner, sort, limit, cursor);
  }

  public AgentFilter withPage(Integer newLimit, String newCursor) {
    return new AgentFilter(
        name, ownerName, version, status, capabilities, owner, sort, newLimit, newCursor);
  }

  String query() {
    return new Query()
        .add("name", name)
        .add("ownerName", ownerName)
        .add("version", version)
        .add("status", status)
        .addAll("capability", capabilities)
        .add("owner", owner)
        .add("sort", sort)
        .add("limit", limit)
        .add("cursor", cursor)
        .toString();
  }
}
