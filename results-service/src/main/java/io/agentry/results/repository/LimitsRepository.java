package io.agentry.results.repository;

import io.agentry.results.SpendingLimits.Caps;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** Users' monthly caps, one row per user who set any. */
@ApplicationScoped
public class LimitsRepository {

  private static final String GET =
      "SELECT monthly_spend, monthly_tasks FROM spending_limits WHERE user_id = $1";

  private static final String PUT =
      """
      INSERT INTO spending_limits (user_id, monthly_spend, monthly_tasks)
      VALUES ($1, $2, $3)
      ON CONFLICT (user_id) DO UPDATE SET
        monthly_spend = EXCLUDED.monthly_spend,
        monthly_tasks = EXCLUDED.monthly_tasks,
        updated_at = now()
      """;

  private static final String DELETE = "DELETE FROM spending_limits WHERE user_id = $1";

  private final Pool pool;

  public LimitsRepository(Pool pool) {
    this.pool = pool;
  }

  /** The user's caps; {@link Caps#NONE} when they set none. */
  public Uni<Caps> get(UUID userId) {
    return pool.preparedQuery(GET)
        .execute(Tuple.of(userId))
        .map(
            rows ->
                Rows.first(
                        rows,
                        row ->
                            new Caps(
                                row.getBigDecimal("monthly_spend") == null
                                    ? null
                                    : row.getBigDecimal("monthly_spend").setScale(2),
                                row.getInteger("monthly_tasks")))
                    .orElse(Caps.NONE));
  }

  /** Replaces the user's caps; no cap at all removes their row. */
  public Uni<Void> put(UUID userId, Caps caps) {
    if (!caps.any()) {
      return pool.preparedQuery(DELETE).execute(Tuple.of(userId)).replaceWithVoid();
    }
    return pool.preparedQuery(PUT)
        .execute(Tuple.of(userId, caps.monthlySpend(), caps.monthlyTasks()))
        .replaceWithVoid();
  }
}
