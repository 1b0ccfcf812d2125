package io.agentry.registry.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.UUID;

/** Counts completed tasks into {@code agents.tasks_completed}, exactly once per task. */
@ApplicationScoped
public class TaskCountRepository {

  private final Pool pool;

  public TaskCountRepository(Pool pool) {
    this.pool = pool;
  }

  /**
   * Records the tasks (task id to agent id) as counted and adds each agent's newly counted tasks to
   * its count, in one statement (one transaction): tasks already recorded change nothing.
   *
   * @return how many of the tasks this call counted
   */
  public Uni<Long> countCompleted(Map<UUID, UUID> agentByTask) {
    UUID[] taskIds = agentByTask.keySet().toArray(UUID[]::new);
    UUID[] agentIds = agentByTask.values().toArray(UUID[]::new);
    return pool.preparedQuery(
            "WITH counted AS (INSERT INTO processed_task_events (task_id, agent_id)"
                + " SELECT * FROM unnest($1::uuid[], $2::uuid[])"
                + " ON CONFLICT (task_id) DO NOTHING RETURNING agent_id),"
                + " bumped AS (UPDATE agents SET tasks_completed = tasks_completed + c.n"
                + " FROM (SELECT agent_id, count(*) AS n FROM counted GROUP BY agent_id) c"
                + " WHERE agents.id = c.agent_id)"
                + " SELECT count(*) AS n FROM counted")
        .execute(Tuple.of(taskIds, agentIds))
        .map(rows -> rows.iterator().next().getLong("n"));
  }
}
