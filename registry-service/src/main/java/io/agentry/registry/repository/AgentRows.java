package io.agentry.registry.repository;

import io.agentry.registry.Agent;
import io.agentry.registry.AgentPermissions;
import io.vertx.mutiny.sqlclient.Row;
import java.util.List;

/** The columns every agent query selects, and how a row becomes an {@link Agent}. */
final class AgentRows {

  static final String COLUMNS =
      "id, owner_id, owner_name, name, description, version, capabilities, http_origins, status,"
          + " status_reason, price, binary_url, binary_hash, binary_size, tasks_completed, rating, rating_count,"
          + " review_count, success_rate, runs_30d, users_30d, p50_duration_ms, created_at,"
          + " updated_at, input_schema";

  private AgentRows() {}

  static Agent toAgent(Row row) {
    int ratingCount = row.getInteger("rating_count");
    String[] capabilities = row.getArrayOfStrings("capabilities");
    String[] httpOrigins = row.getArrayOfStrings("http_origins");
    return new Agent(
        row.getUUID("id"),
        row.getUUID("owner_id"),
        row.getString("owner_name"),
        row.getString("name"),
        row.getString("description"),
        row.getString("version"),
        capabilities == null ? List.of() : List.of(capabilities),
        new AgentPermissions(httpOrigins == null ? List.of() : List.of(httpOrigins)),
        row.getString("status"),
        row.getString("status_reason"),
        row.getBigDecimal("price"),
        row.getString("binary_url"),
        row.getString("binary_hash"),
        row.getLong("binary_size"),
        row.getLong("tasks_completed"),
        ratingCount == 0 ? null : row.getBigDecimal("rating"),
        ratingCount,
        row.getInteger("review_count"),
        row.getBigDecimal("success_rate"),
        row.getInteger("runs_30d"),
        row.getInteger("users_30d"),
        row.getLong("p50_duration_ms"),
        Rows.instant(row, "created_at"),
        Rows.instant(row, "updated_at"),
        row.getString("input_schema"));
  }
}
