package io.agentry.results.repository;

import io.agentry.wire.TaskEvent;
import io.agentry.wire.TaskResult;
import io.agentry.wire.TaskStatus;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Records task events idempotently: a status only moves forward, and the first terminal event
 * writes the result, so a redelivered or late event changes nothing already recorded.
 */
@ApplicationScoped
public class TaskEventWriter {

  private static final String UPSERT_TASK =
      """
      INSERT INTO tasks AS t (task_id, user_id, agent_id, status, status_rank, submitted_at,
                              started_at, finished_at, attempts)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
      ON CONFLICT (task_id) DO UPDATE SET
        status = CASE WHEN EXCLUDED.status_rank > t.status_rank
                      THEN EXCLUDED.status ELSE t.status END,
        status_rank = GREATEST(t.status_rank, EXCLUDED.status_rank),
        user_id = COALESCE(t.user_id, EXCLUDED.user_id),
        agent_id = COALESCE(t.agent_id, EXCLUDED.agent_id),
        submitted_at = LEAST(t.submitted_at, EXCLUDED.submitted_at),
        started_at = COALESCE(t.started_at, EXCLUDED.started_at),
        finished_at = CASE WHEN t.status_rank = 2 THEN t.finished_at
                           ELSE EXCLUDED.finished_at END,
        attempts = GREATEST(t.attempts, EXCLUDED.attempts),
        updated_at = now()
      """;

  private static final String INSERT_RESULT =
      """
      INSERT INTO task_results (task_id, agent_id, user_id, status, exit_code, stdout, stderr,
                                stdout_truncated, stderr_truncated, duration_ms, error, created_at)
      SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12
      WHERE EXISTS (SELECT 1 FROM tasks WHERE task_id = $1 AND status = $4)
      ON CONFLICT (task_id) DO NOTHING
      """;

  private final Pool pool;

  public TaskEventWriter(Pool pool) {
    this.pool = pool;
  }

  /** Applies one event in one transaction. */
  public Uni<Void> record(TaskEvent event) {
    return pool.withTransaction(
        connection ->
            upsertTask(connection, event)
                .chain(
                    () -> event.status().isTerminal() ? insertResult(connection, event) : done()));
  }

  private static Uni<Void> upsertTask(SqlConnection connection, TaskEvent event) {
    TaskStatus status = event.status();
    OffsetDateTime at = utc(event);
    Tuple values =
        Tuple.tuple()
            .addUUID(event.taskId())
            .addUUID(event.userId())
            .addUUID(event.agentId())
            .addString(status.name())
            .addShort((short) status.rank())
            .addOffsetDateTime(at)
            .addOffsetDateTime(status == TaskStatus.RUNNING ? at : null)
            .addOffsetDateTime(status.isTerminal() ? at : null)
            .addInteger(event.attempt());
    return connection.preparedQuery(UPSERT_TASK).execute(values).replaceWithVoid();
  }

  private static Uni<Void> insertResult(SqlConnection connection, TaskEvent event) {
    TaskResult result = event.result();
    Tuple values =
        Tuple.tuple()
            .addUUID(event.taskId())
            .addUUID(event.agentId())
            .addUUID(event.userId())
            .addString(event.status().name())
            .addInteger(result.exitCode())
            .addBuffer(Buffer.buffer(result.stdout()))
            .addBuffer(Buffer.buffer(result.stderr()))
            .addBoolean(result.stdoutTruncated())
            .addBoolean(result.stderrTruncated())
            .addLong(result.durationMs())
            .addString(result.error())
            .addOffsetDateTime(utc(event));
    return connection.preparedQuery(INSERT_RESULT).execute(values).replaceWithVoid();
  }

  private static OffsetDateTime utc(TaskEvent event) {
    return event.at().atOffset(ZoneOffset.UTC);
  }

  private static Uni<Void> done() {
    return Uni.createFrom().voidItem();
  }
}
