package io.agentry.results.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/** Deletes old results together with their tasks (and, by cascade, their starts). */
@ApplicationScoped
public class RetentionRepository {

  private static final String DELETE_BATCH =
      """
      DELETE FROM tasks WHERE task_id IN (
        SELECT task_id FROM task_results WHERE created_at < $1
         ORDER BY created_at LIMIT $2)
      """;

  private final Pool pool;

  public RetentionRepository(Pool pool) {
    this.pool = pool;
  }

  /** Deletes up to {@code limit} of the oldest results created before {@code cutoff}. */
  public Uni<Integer> deleteBefore(Instant cutoff, int limit) {
    return pool.preparedQuery(DELETE_BATCH)
        .execute(Tuple.of(Rows.utc(cutoff), limit))
        .map(rows -> rows.rowCount());
  }
}
