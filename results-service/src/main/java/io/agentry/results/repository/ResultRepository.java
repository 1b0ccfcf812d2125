package io.agentry.results.repository;

import io.agentry.results.TaskOutcome;
import io.agentry.wire.TaskStatus;
import io.agentry.wire.TaskUsage;
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
 * Reads the {@code task_results} table, always scoped to the owning user. Lists are keyset pages
 * over {@code (created_at, task_id)}, served by the user's (and user's and agent's) index.
 */
@ApplicationScoped
public class ResultRepository {

  /** Which captured stream to read as bytes. */
  public enum Stream {
    STDOUT,
    STDERR
  }

  private static final String COLUMNS =
      "task_id, agent_id, status, exit_code, stdout, stderr, stdout_truncated, stderr_truncated,"
          + " duration_ms, error, created_at, usage_cpu_ms, usage_wall_ms, usage_memory_peak_mb,"
          + " usage_stdout_bytes, usage_stderr_bytes, usage_http_requests, usage_http_bytes";

  private final Pool pool;

  public ResultRepository(Pool pool) {
    this.pool = pool;
  }

  public Uni<Optional<TaskOutcome>> find(UUID taskId, UUID userId) {
    return pool.preparedQuery(
            "SELECT " + COLUMNS + " FROM task_results WHERE task_id = $1 AND user_id = $2")
        .execute(Tuple.of(taskId, userId))
        .map(rows -> Rows.first(rows, ResultRepository::toOutcome));
  }

  /** The exact bytes of one captured stream. */
  public Uni<Optional<byte[]>> output(UUID taskId, UUID userId, Stream stream) {
    String column = stream == Stream.STDOUT ? "stdout" : "stderr";
    return pool.preparedQuery(
            "SELECT " + column + " FROM task_results WHERE task_id = $1 AND user_id = $2")
        .execute(Tuple.of(taskId, userId))
        .map(rows -> Rows.first(rows, row -> row.getBuffer(column).getBytes()));
  }

  public Uni<List<TaskOutcome>> list(ResultFilter filter) {
    List<Object> params = new ArrayList<>();
    StringBuilder sql =
        new StringBuilder("SELECT ")
            .append(COLUMNS)
            .append(" FROM task_results WHERE user_id = ")
            .append(Rows.param(params, filter.userId()));
    if (filter.agentId() != null) {
      sql.append(" AND agent_id = ").append(Rows.param(params, filter.agentId()));
    }
    if (filter.status() != null) {
      sql.append(" AND status = ").append(Rows.param(params, filter.status().name()));
    }
    if (filter.since() != null) {
      sql.append(" AND created_at >= ").append(Rows.param(params, Rows.utc(filter.since())));
    }
    if (filter.until() != null) {
      sql.append(" AND created_at < ").append(Rows.param(params, Rows.utc(filter.until())));
    }
    if (filter.afterId() != null) {
      sql.append(" AND (created_at, task_id) < (")
          .append(Rows.param(params, Rows.utc(filter.afterAt())))
          .append(", ")
          .append(Rows.param(params, filter.afterId()))
          .append(")");
    }
    sql.append(" ORDER BY created_at DESC, task_id DESC LIMIT ")
        .append(Rows.param(params, filter.limit()));
    return pool.preparedQuery(sql.toString())
        .execute(Tuple.from(params))
        .map(rows -> Rows.all(rows, ResultRepository::toOutcome));
  }

  private static TaskOutcome toOutcome(Row row) {
    return new TaskOutcome(
        row.getUUID("task_id"),
        row.getUUID("agent_id"),
        TaskStatus.valueOf(row.getString("status")),
        row.getInteger("exit_code"),
        TaskOutcome.text(row.getBuffer("stdout").getBytes()),
        TaskOutcome.text(row.getBuffer("stderr").getBytes()),
        row.getBoolean("stdout_truncated"),
        row.getBoolean("stderr_truncated"),
        row.getLong("duration_ms"),
        row.getString("error"),
        Rows.instant(row, "created_at"),
        usage(row));
  }

  /** The run's usage, or null for a result stored without it. */
  private static TaskUsage usage(Row row) {
    Long cpuMs = row.getLong("usage_cpu_ms");
    if (cpuMs == null) {
      return null;
    }
    return new TaskUsage(
        cpuMs,
        row.getLong("usage_wall_ms"),
        row.getInteger("usage_memory_peak_mb"),
        row.getLong("usage_stdout_bytes"),
        row.getLong("usage_stderr_bytes"),
        zeroIfNull(row.getLong("usage_http_requests")),
        zeroIfNull(row.getLong("usage_http_bytes")));
  }

  /** A count stored before it existed (V4) reads as 0, as the codec reads an older event. */
  private static long zeroIfNull(Long value) {
    return value == null ? 0 : value;
  }
}
