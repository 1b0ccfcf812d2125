package io.agentry.registry.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** Counts completed tasks into {@code agents.tasks_completed}, exactly once per task. */
@ApplicationScoped
public class TaskCountRepository {

  private final Pool pool;

  public TaskCountRepository(Pool pool) {
    this.pool = pool;
  }

  /**
   * Records the task as counted and increments its agent's count, in one statement (one
   * transaction): a task already recorded changes nothing. True when this call counted it.
   */
  public Uni<Boolean> countCompleted(UUID taskId, UUID agentId) {
    return pool.preparedQuery(
            "WITH counted AS (INSERT INTO processed_task_events (task_id, agent_id)"
                + " VALUES ($1, $2) ON CONFLICT (task_id) DO NOTHING RETURNING agent_id),"
                + " bumped AS (UPDATE agents SET tasks_completed = tasks_completed + 1"
                + " WHERE id IN (SELECT agent_id FROM counted))"
                + " SELECT count(*) AS n FROM counted")
        .execute(Tuple.of(taskId, agentId))
        .map(rows -> rows.iterator().next().getLong("n") == 1);
  }
}
