package io.agentry.registry.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * The trust figures of agents ({@code runs_30d}, {@code users_30d}, {@code success_rate}, {@code
 * p50_duration_ms}), recounted per agent from its counted terminal events of the last 30 days.
 */
@ApplicationScoped
public class TrustRepository {

  /** The window of the figures. */
  public static final Duration WINDOW = Duration.ofDays(30);

  private final Pool pool;

  public TrustRepository(Pool pool) {
    this.pool = pool;
  }

  /**
   * Recounts up to {@code batchSize} agents that had runs since their last rollup, or whose figures
   * are older than {@code windowRefresh} while they have runs in the window; the rows are locked
   * with SKIP LOCKED, so replicas running the job at once share the work. A run counted meanwhile
   * marks its agent again once the lock is released.
   *
   * @return how many agents were recounted
   */
  public Uni<Integer> refresh(int batchSize, Duration windowRefresh) {
    return pool.preparedQuery(
            "WITH picked AS (SELECT id FROM agents WHERE trust_stale"
                + " OR (runs_30d > 0 AND trust_at < now() - $2::bigint * interval '1 millisecond')"
                + " LIMIT $1 FOR UPDATE SKIP LOCKED),"
                + " figures AS (SELECT p.id, count(e.task_id) AS runs,"
                + " count(DISTINCT e.user_id) AS users,"
                + " avg(CASE WHEN e.succeeded THEN 1.0 WHEN NOT e.succeeded THEN 0.0 END) AS rate,"
                + " percentile_disc(0.5) WITHIN GROUP (ORDER BY e.duration_ms) AS p50"
                + " FROM picked p LEFT JOIN processed_task_events e ON e.agent_id = p.id"
                + " AND e.ended_at > now() - $3::bigint * interval '1 millisecond'"
                + " GROUP BY p.id)"
                + " UPDATE agents a SET runs_30d = f.runs, users_30d = f.users,"
                + " success_rate = round(f.rate, 4), p50_duration_ms = f.p50,"
                + " trust_stale = false, trust_at = now()"
                + " FROM figures f WHERE a.id = f.id")
        .execute(Tuple.of(batchSize, windowRefresh.toMillis(), WINDOW.toMillis()))
        .map(rows -> rows.rowCount());
  }
}
