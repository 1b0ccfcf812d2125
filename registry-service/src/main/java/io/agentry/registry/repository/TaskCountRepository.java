package io.agentry.registry.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/**
 * Counts completed tasks into {@code agents.tasks_completed}, exactly once per task, and records
 * who ran which agent (owner and name, any version) in {@code agent_runners}, for ratings.
 */
@ApplicationScoped
public class TaskCountRepository {

  private final Pool pool;

  public TaskCountRepository(Pool pool) {
    this.pool = pool;
  }

  /**
   * Records the tasks as counted, adds each agent's newly counted tasks to its count, and records
   * each task's user as a runner of its agent's owner and name, in one statement (one transaction):
   * tasks and runners already recorded change nothing.
   *
   * @return how many of the tasks this call counted
   */
  public Uni<Long> countCompleted(List<CompletedTask> tasks) {
    UUID[] taskIds = tasks.stream().map(CompletedTask::taskId).toArray(UUID[]::new);
    UUID[] agentIds = tasks.stream().map(CompletedTask::agentId).toArray(UUID[]::new);
    UUID[] userIds = tasks.stream().map(CompletedTask::userId).toArray(UUID[]::new);
    return pool.preparedQuery(
            "WITH counted AS (INSERT INTO processed_task_events (task_id, agent_id)"
                + " SELECT * FROM unnest($1::uuid[], $2::uuid[])"
                + " ON CONFLICT (task_id) DO NOTHING RETURNING agent_id),"
                + " bumped AS (UPDATE agents SET tasks_completed = tasks_completed + c.n"
                + " FROM (SELECT agent_id, count(*) AS n FROM counted GROUP BY agent_id) c"
                + " WHERE agents.id = c.agent_id),"
                + " ran AS (INSERT INTO agent_runners (user_id, owner_id, agent_name)"
                + " SELECT DISTINCT r.user_id, a.owner_id, a.name"
                + " FROM unnest($2::uuid[], $3::uuid[]) AS r(agent_id, user_id)"
                + " JOIN agents a ON a.id = r.agent_id WHERE r.user_id IS NOT NULL"
                + " ON CONFLICT DO NOTHING)"
                + " SELECT count(*) AS n FROM counted")
        .execute(Tuple.of(taskIds, agentIds, userIds))
        .map(rows -> rows.iterator().next().getLong("n"));
  }
}
