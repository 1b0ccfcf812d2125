package io.agentry.results.repository;

import io.agentry.results.AgentStats;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * An agent's run statistics from {@code task_results}, which holds one row per ended task (the
 * first terminal event's), so redelivered events never count twice. Read from the agent's covering
 * index.
 */
@ApplicationScoped
public class StatsRepository {

  private static final String STATS =
      """
      SELECT count(*) AS completed,
             count(*) FILTER (WHERE status = 'SUCCEEDED') AS succeeded,
             count(*) FILTER (WHERE status = 'FAILED') AS failed,
             count(*) FILTER (WHERE status = 'TIMED_OUT') AS timed_out,
             round(avg(duration_ms), 1)::float8 AS avg_ms,
             percentile_disc(0.5) WITHIN GROUP (ORDER BY duration_ms) AS p50_ms,
             percentile_disc(0.95) WITHIN GROUP (ORDER BY duration_ms) AS p95_ms,
             max(created_at) AS last_run_at
        FROM task_results
       WHERE agent_id = $1 AND status IN ('SUCCEEDED', 'FAILED', 'TIMED_OUT')
      """;

  private final Pool pool;

  public StatsRepository(Pool pool) {
    this.pool = pool;
  }

  public Uni<AgentStats> forAgent(UUID agentId) {
    return pool.preparedQuery(STATS)
        .execute(Tuple.of(agentId))
        .map(rows -> toStats(agentId, rows.iterator().next()));
  }

  private static AgentStats toStats(UUID agentId, Row row) {
    long completed = row.getLong("completed");
    long succeeded = row.getLong("succeeded");
    return new AgentStats(
        agentId,
        completed,
        succeeded,
        row.getLong("failed"),
        row.getLong("timed_out"),
        completed == 0 ? null : (double) succeeded / completed,
        row.getDouble("avg_ms"),
        row.getLong("p50_ms"),
        row.getLong("p95_ms"),
        Rows.instant(row, "last_run_at"));
  }
}
