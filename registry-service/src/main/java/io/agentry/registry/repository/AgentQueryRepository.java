package io.agentry.registry.repository;

import io.agentry.registry.AgentSort;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Pages of agents by keyset: {@code WHERE (sort value, id) < (last page's) ORDER BY ... LIMIT n},
 * never OFFSET, so a page costs the same wherever it is and rows inserted meanwhile neither repeat
 * nor hide others. Every order has an index (see V3__agents.sql).
 */
@ApplicationScoped
public class AgentQueryRepository {

  private final Pool pool;

  public AgentQueryRepository(Pool pool) {
    this.pool = pool;
  }

  /** Up to {@code filter.limit()} agents, in the filter's order. */
  public Uni<List<AgentHit>> find(AgentFilter filter) {
    List<Object> params = new ArrayList<>();
    List<String> where = new ArrayList<>();
    StringBuilder sql =
        new StringBuilder("SELECT ").append(AgentRows.COLUMNS).append(", version_key");
    String exact = null;
    if (filter.tsQuery() != null) {
      String query = param(params, filter.tsQuery());
      exact = param(params, filter.exactName());
      sql.append(", ")
          .append(rank(exact))
          .append(" AS rank FROM agents, to_tsquery('english', ")
          .append(query)
          .append(") q");
      where.add("(search @@ q OR name = " + exact + ")");
    } else {
      sql.append(" FROM agents");
    }
    if (filter.name() != null) {
      where.add("name = " + param(params, filter.name()));
    }
    if (filter.ownerName() != null) {
      where.add("lower(owner_name) = lower(" + param(params, filter.ownerName()) + ")");
    }
    if (filter.versionKey() != null) {
      where.add("version_key = " + param(params, filter.versionKey()));
    }
    if (filter.status() == null) {
      where.add("status <> 'disabled'");
    } else {
      where.add("status = " + param(params, filter.status()));
    }
    if (!filter.capabilities().isEmpty()) {
      where.add("capabilities @> " + param(params, filter.capabilities().toArray(String[]::new)));
    }
    if (filter.owner() != null) {
      where.add("owner_id = " + param(params, filter.owner()));
    }
    if (filter.maxPrice() != null) {
      where.add("price <= " + param(params, filter.maxPrice()));
    }
    if (filter.minRating() != null) {
      where.add("rating >= " + param(params, filter.minRating()));
    }
    if (filter.afterId() != null) {
      where.add(
          after(
              filter.sort(),
              param(params, filter.afterKey()),
              param(params, filter.afterId()),
              exact));
    }
    sql.append(" WHERE ").append(String.join(" AND ", where));
    sql.append(" ORDER BY ").append(orderBy(filter.sort()));
    sql.append(" LIMIT ").append(param(params, filter.limit()));
    return pool.preparedQuery(sql.toString())
        .execute(Tuple.from(params))
        .map(
            rows -> {
              List<AgentHit> hits = new ArrayList<>();
              rows.forEach(
                  row -> hits.add(new AgentHit(AgentRows.toAgent(row), key(filter.sort(), row))));
              return hits;
            });
  }

  /** The owner's agents of that name, newest semver first, after {@code afterVersionKey}. */
  public Uni<List<AgentHit>> versions(UUID owner, String name, String afterVersionKey, int limit) {
    String sql =
        "SELECT "
            + AgentRows.COLUMNS
            + ", version_key FROM agents WHERE owner_id = $1 AND name = $2"
            + (afterVersionKey == null ? "" : " AND version_key < $4")
            + " ORDER BY version_key DESC LIMIT $3";
    Tuple params = Tuple.of(owner, name, limit);
    if (afterVersionKey != null) {
      params.addString(afterVersionKey);
    }
    return pool.preparedQuery(sql)
        .execute(params)
        .map(
            rows -> {
              List<AgentHit> hits = new ArrayList<>();
              rows.forEach(
                  row ->
                      hits.add(new AgentHit(AgentRows.toAgent(row), row.getString("version_key"))));
              return hits;
            });
  }

  private static String param(List<Object> params, Object value) {
    params.add(value);
    return "$" + params.size();
  }

  private static String orderBy(AgentSort sort) {
    return switch (sort) {
      case CREATED_AT -> "created_at DESC, id DESC";
      case RATING -> "rating DESC, id DESC";
      case TASKS_COMPLETED -> "tasks_completed DESC, id DESC";
      case NAME -> "name, id";
      case RELEVANCE -> "rank DESC, id DESC";
      case VERSION -> "version_key DESC, id DESC";
    };
  }

  /**
   * The relevance of a row: its text rank, or, for the agent whose name is exactly what was typed,
   * a rank above any text rank (ts_rank stays far below it), so that a name the text parser splits
   * (digits after a hyphen become a negative number) still comes first.
   */
  private static String rank(String exactName) {
    return "CASE WHEN name = " + exactName + " THEN 1000::real ELSE ts_rank(search, q) END";
  }

  private static String after(AgentSort sort, String key, String id, String exactName) {
    return switch (sort) {
      case CREATED_AT -> "(created_at, id) < (" + key + ", " + id + ")";
      case RATING -> "(rating, id) < (" + key + ", " + id + ")";
      case TASKS_COMPLETED -> "(tasks_completed, id) < (" + key + ", " + id + ")";
      case NAME -> "(name, id) > (" + key + ", " + id + ")";
      case RELEVANCE -> "(" + rank(exactName) + ", id) < (" + key + "::real, " + id + ")";
      case VERSION -> "(version_key, id) < (" + key + ", " + id + ")";
    };
  }

  private static Object key(AgentSort sort, Row row) {
    return switch (sort) {
      case CREATED_AT -> row.getOffsetDateTime("created_at");
      case RATING -> row.getBigDecimal("rating");
      case TASKS_COMPLETED -> row.getLong("tasks_completed");
      case NAME -> row.getString("name");
      case RELEVANCE -> row.getFloat("rank");
      case VERSION -> row.getString("version_key");
    };
  }
}
