package io.agentry.results.repository;

import io.agentry.results.Task;
import io.agentry.wire.TaskStatus;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Reads the {@code tasks} table, always scoped to the owning user. Lists are keyset pages over
 * {@code (submitted_at, task_id)}, each filter combination served by an index (V1, V2).
 */
@ApplicationScoped
public class TaskRepository {

  private static final String COLUMNS =
      "t.task_id, t.agent_id, t.status, t.submitted_at, t.started_at, t.finished_at, t.attempts";

  private final Pool pool;

  public TaskRepository(Pool pool) {
    this.pool = pool;
  }

  public Uni<Optional<Task>> find(UUID taskId, UUID userId) {
    return pool.preparedQuery(
            "SELECT " + COLUMNS + " FROM tasks t WHERE t.task_id = $1 AND t.user_id = $2")
        .execute(Tuple.of(taskId, userId))
        .map(rows -> Rows.first(rows, TaskRepository::toTask));
  }

  /** The task with the error of its result, for the first message of a live stream. */
  public Uni<Optional<TaskSnapshot>> snapshot(UUID taskId, UUID userId) {
    return pool.preparedQuery(
            "SELECT "
                + COLUMNS
                + ", r.error FROM tasks t LEFT JOIN task_results r ON r.task_id = t.task_id"
                + " WHERE t.task_id = $1 AND t.user_id = $2")
        .execute(Tuple.of(taskId, userId))
        .map(
            rows -> Rows.first(rows, row -> new TaskSnapshot(toTask(row), row.getString("error"))));
  }

  public Uni<List<Task>> list(TaskFilter filter) {
    List<Object> params = new ArrayList<>();
    StringBuilder sql =
        new StringBuilder("SELECT ")
            .append(COLUMNS)
            .append(" FROM tasks t WHERE t.user_id = ")
            .append(Rows.param(params, filter.userId()));
    if (filter.status() != null) {
      sql.append(" AND t.status = ").append(Rows.param(params, filter.status().name()));
    }
    if (filter.agentId() != null) {
      sql.append(" AND t.agent_id = ").append(Rows.param(params, filter.agentId()));
    }
    if (filter.afterId() != null) {
      sql.append(" AND (t.submitted_at, t.task_id) < (")
          .append(Rows.param(params, Rows.utc(filter.afterAt())))
          .append(", ")
          .append(Rows.param(params, filter.afterId()))
          .append(")");
    }
    sql.append(" ORDER BY t.submitted_at DESC, t.task_id DESC LIMIT ")
        .append(Rows.param(params, filter.limit()));
    return pool.preparedQuery(sql.toString())
        .execute(Tuple.from(params))
        .map(rows -> Rows.all(rows, TaskRepository::toTask));
  }

  static Task toTask(Row row) {
    return new Task(
        row.getUUID("task_id"),
        row.getUUID("agent_id"),
        TaskStatus.valueOf(row.getString("status")),
        Rows.instant(row, "submitted_at"),
        Rows.instant(row, "started_at"),
        Rows.instant(row, "finished_at"),
        row.getInteger("attempts"));
  }
}
