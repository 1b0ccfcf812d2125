package io.agentry.results.repository;

import io.agentry.wire.TaskEvent;
import io.agentry.wire.TaskResult;
import io.agentry.wire.TaskUsage;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * Records task events idempotently, a batch in one transaction of three statements (tasks, starts,
 * results), each taking the whole batch as arrays. A status only moves forward, the first terminal
 * event writes the result, and each distinct start (executor and time of its RUNNING event) counts
 * once, so a redelivered or late event changes nothing already recorded.
 */
@ApplicationScoped
public class TaskEventWriter {

  private static final String UPSERT_TASKS =
      """
      INSERT INTO tasks AS t (task_id, user_id, agent_id, status, status_rank, submitted_at,
                              started_at, finished_at, attempts)
      SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::int2[],
                           $6::timestamptz[], $7::timestamptz[], $8::timestamptz[], $9::int4[])
      ON CONFLICT (task_id) DO UPDATE SET
        status = CASE WHEN EXCLUDED.status_rank > t.status_rank
                      THEN EXCLUDED.status ELSE t.status END,
        status_rank = GREATEST(t.status_rank, EXCLUDED.status_rank),
        user_id = COALESCE(t.user_id, EXCLUDED.user_id),
        agent_id = COALESCE(t.agent_id, EXCLUDED.agent_id),
        submitted_at = LEAST(t.submitted_at, EXCLUDED.submitted_at),
        started_at = LEAST(t.started_at, EXCLUDED.started_at),
        finished_at = CASE WHEN t.status_rank = 2 THEN t.finished_at
                           ELSE EXCLUDED.finished_at END,
        attempts = GREATEST(t.attempts, EXCLUDED.attempts),
        updated_at = now()
      """;

  /**
   * New starts raise attempts to the number of distinct starts. The statement's own inserts are not
   * visible to its subquery, hence the count of earlier starts plus the new ones.
   */
  private static final String RECORD_STARTS =
      """
      WITH started AS (
        INSERT INTO task_attempts (task_id, executor_id, started_at)
        SELECT * FROM unnest($1::uuid[], $2::text[], $3::timestamptz[])
        ON CONFLICT DO NOTHING
        RETURNING task_id),
      added AS (SELECT task_id, count(*) AS n FROM started GROUP BY task_id)
      UPDATE tasks t
         SET attempts = GREATEST(t.attempts,
               (SELECT count(*) FROM task_attempts a WHERE a.task_id = t.task_id) + added.n)
        FROM added
       WHERE t.task_id = added.task_id
      """;

  /** A result is written only by the terminal event whose status the task kept. */
  private static final String INSERT_RESULTS =
      """
      INSERT INTO task_results (task_id, agent_id, user_id, status, exit_code, stdout, stderr,
                                stdout_truncated, stderr_truncated, duration_ms, error, created_at,
                                usage_cpu_ms, usage_wall_ms, usage_memory_peak_mb,
                                usage_stdout_bytes, usage_stderr_bytes,
                                usage_http_requests, usage_http_bytes)
      SELECT r.* FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::int4[],
                             $6::bytea[], $7::bytea[], $8::bool[], $9::bool[], $10::int8[],
                             $11::text[], $12::timestamptz[], $13::int8[], $14::int8[],
                             $15::int4[], $16::int8[], $17::int8[], $18::int8[], $19::int8[])
             AS r (task_id, agent_id, user_id, status, exit_code, stdout, stderr,
                   stdout_truncated, stderr_truncated, duration_ms, error, created_at,
                   usage_cpu_ms, usage_wall_ms, usage_memory_peak_mb,
                   usage_stdout_bytes, usage_stderr_bytes,
                   usage_http_requests, usage_http_bytes)
       WHERE EXISTS (SELECT 1 FROM tasks t WHERE t.task_id = r.task_id AND t.status = r.status)
      ON CONFLICT (task_id) DO NOTHING
      """;

  private final Pool pool;

  public TaskEventWriter(Pool pool) {
    this.pool = pool;
  }

  /** Applies one event in one transaction. */
  public Uni<Void> record(TaskEvent event) {
    return record(List.of(event));
  }

  /** Applies the events, as if one by one in their order, in one transaction. */
  public Uni<Void> record(List<TaskEvent> events) {
    if (events.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    EventBatch batch = new EventBatch(events);
    Tuple tasks = taskValues(batch.tasks());
    List<EventBatch.Start> starts = batch.starts();
    List<TaskEvent> ends = batch.ends();
    return pool.withTransaction(
        connection ->
            execute(connection, UPSERT_TASKS, tasks)
                .chain(
                    () ->
                        starts.isEmpty()
                            ? done()
                            : execute(connection, RECORD_STARTS, startValues(starts)))
                .chain(
                    () ->
                        ends.isEmpty()
                            ? done()
                            : execute(connection, INSERT_RESULTS, resultValues(ends))));
  }

  private static Uni<Void> execute(SqlConnection connection, String sql, Tuple values) {
    return connection.preparedQuery(sql).execute(values).replaceWithVoid();
  }

  private static Tuple taskValues(List<EventBatch.TaskRow> rows) {
    int n = rows.size();
    UUID[] ids = new UUID[n];
    UUID[] users = new UUID[n];
    UUID[] agents = new UUID[n];
    String[] statuses = new String[n];
    Short[] ranks = new Short[n];
    OffsetDateTime[] submitted = new OffsetDateTime[n];
    OffsetDateTime[] started = new OffsetDateTime[n];
    OffsetDateTime[] finished = new OffsetDateTime[n];
    Integer[] attempts = new Integer[n];
    for (int i = 0; i < n; i++) {
      EventBatch.TaskRow row = rows.get(i);
      ids[i] = row.taskId;
      users[i] = row.userId;
      agents[i] = row.agentId;
      statuses[i] = row.status.name();
      ranks[i] = (short) row.status.rank();
      submitted[i] = utc(row.submittedAt);
      started[i] = utc(row.startedAt);
      finished[i] = utc(row.finishedAt);
      attempts[i] = row.attempts;
    }
    return Tuple.from(
        List.of(ids, users, agents, statuses, ranks, submitted, started, finished, attempts));
  }

  private static Tuple startValues(List<EventBatch.Start> starts) {
    int n = starts.size();
    UUID[] ids = new UUID[n];
    String[] executors = new String[n];
    OffsetDateTime[] at = new OffsetDateTime[n];
    for (int i = 0; i < n; i++) {
      ids[i] = starts.get(i).taskId();
      executors[i] = starts.get(i).executorId();
      at[i] = utc(starts.get(i).at());
    }
    return Tuple.from(List.of(ids, executors, at));
  }

  private static Tuple resultValues(List<TaskEvent> ends) {
    int n = ends.size();
    UUID[] ids = new UUID[n];
    UUID[] agents = new UUID[n];
    UUID[] users = new UUID[n];
    String[] statuses = new String[n];
    Integer[] exitCodes = new Integer[n];
    Buffer[] stdout = new Buffer[n];
    Buffer[] stderr = new Buffer[n];
    Boolean[] stdoutTruncated = new Boolean[n];
    Boolean[] stderrTruncated = new Boolean[n];
    Long[] durations = new Long[n];
    String[] errors = new String[n];
    OffsetDateTime[] created = new OffsetDateTime[n];
    Long[] cpuMs = new Long[n];
    Long[] wallMs = new Long[n];
    Integer[] memoryPeakMb = new Integer[n];
    Long[] stdoutBytes = new Long[n];
    Long[] stderrBytes = new Long[n];
    Long[] httpRequests = new Long[n];
    Long[] httpBytes = new Long[n];
    for (int i = 0; i < n; i++) {
      TaskEvent event = ends.get(i);
      TaskResult result = event.result();
      ids[i] = event.taskId();
      agents[i] = event.agentId();
      users[i] = event.userId();
      statuses[i] = event.status().name();
      exitCodes[i] = result.exitCode();
      stdout[i] = Buffer.buffer(result.stdout());
      stderr[i] = Buffer.buffer(result.stderr());
      stdoutTruncated[i] = result.stdoutTruncated();
      stderrTruncated[i] = result.stderrTruncated();
      durations[i] = result.durationMs();
      errors[i] = result.error();
      created[i] = utc(event.at());
      TaskUsage usage = result.usage();
      if (usage != null) {
        cpuMs[i] = usage.cpuMs();
        wallMs[i] = usage.wallMs();
        memoryPeakMb[i] = usage.memoryPeakMb();
        stdoutBytes[i] = usage.stdoutBytes();
        stderrBytes[i] = usage.stderrBytes();
        httpRequests[i] = usage.httpRequests();
        httpBytes[i] = usage.httpBytes();
      }
    }
    return Tuple.from(
        List.of(
            ids,
            agents,
            users,
            statuses,
            exitCodes,
            stdout,
            stderr,
            stdoutTruncated,
            stderrTruncated,
            durations,
            errors,
            created,
            cpuMs,
            wallMs,
            memoryPeakMb,
            stdoutBytes,
            stderrBytes,
            httpRequests,
            httpBytes));
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  private static Uni<Void> done() {
    return Uni.createFrom().voidItem();
  }
}
