package io.agentry.gateway.repository;

import io.agentry.gateway.service.KeyedTask;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;

/**
 * Idempotency keys in the gateway's PostgreSQL database. The unique (user, key) pair and {@code
 * INSERT ... ON CONFLICT} make concurrent duplicates agree on one task, across gateway instances
 * and restarts.
 */
@ApplicationScoped
public class IdempotencyRepository {

  private static final String COLUMNS =
      "task_id, agent_id, submitted_at, acknowledged, request_hash";

  private final Pool pool;

  public IdempotencyRepository(Pool pool) {
    this.pool = pool;
  }

  /**
   * Records {@code task} for the key unless a row younger than {@code retention} holds it already
   * (an older one is replaced); returns the row that holds the key now (empty only when it was
   * purged meanwhile). The caller owns the key when the returned task id is its own.
   */
  public Uni<Optional<KeyedTask>> claim(
      UUID userId, String key, KeyedTask task, Duration retention) {
    return pool.preparedQuery(
            "INSERT INTO idempotency_keys AS k"
                + " (user_id, idempotency_key, task_id, agent_id, submitted_at, request_hash)"
                + " VALUES ($1, $2, $3, $4, $5, $7)"
                + " ON CONFLICT (user_id, idempotency_key) DO UPDATE SET"
                + " task_id = EXCLUDED.task_id, agent_id = EXCLUDED.agent_id,"
                + " submitted_at = EXCLUDED.submitted_at, acknowledged = false, created_at = now(),"
                + " request_hash = EXCLUDED.request_hash"
                + " WHERE k.created_at < now() - make_interval(secs => $6)"
                + " RETURNING "
                + COLUMNS)
        .execute(
            Tuple.from(
                Arrays.asList(
                    userId,
                    key,
                    task.taskId(),
                    task.agentId(),
                    OffsetDateTime.ofInstant(task.submittedAt(), ZoneOffset.UTC),
                    (double) retention.toSeconds(),
                    task.requestHash() == null ? null : Buffer.buffer(task.requestHash()))))
        .flatMap(
            rows -> rows.rowCount() == 1 ? Uni.createFrom().item(first(rows)) : find(userId, key));
  }

  /** The row that holds the key, if any. */
  public Uni<Optional<KeyedTask>> find(UUID userId, String key) {
    return pool.preparedQuery(
            "SELECT "
                + COLUMNS
                + " FROM idempotency_keys"
                + " WHERE user_id = $1 AND idempotency_key = $2")
        .execute(Tuple.of(userId, key))
        .map(IdempotencyRepository::first);
  }

  /**
   * Takes over the key's claim on {@code taskId} when that claim is still unacknowledged and older
   * than {@code lease}: the request that made it is gone. Returns the row, renewed, when this
   * caller took it over; empty when the claim is live, acknowledged or replaced.
   */
  public Uni<Optional<KeyedTask>> takeOverStale(
      UUID userId, String key, UUID taskId, Duration lease) {
    return pool.preparedQuery(
            "UPDATE idempotency_keys SET created_at = now()"
                + " WHERE user_id = $1 AND idempotency_key = $2 AND task_id = $3"
                + " AND NOT acknowledged AND created_at < now() - make_interval(secs => $4)"
                + " RETURNING "
                + COLUMNS)
        .execute(Tuple.of(userId, key, taskId, lease.toMillis() / 1000.0))
        .map(IdempotencyRepository::first);
  }

  /** Marks the key's task as acknowledged by Kafka. */
  public Uni<Void> acknowledge(UUID userId, String key, UUID taskId) {
    return pool.preparedQuery(
            "UPDATE idempotency_keys SET acknowledged = true"
                + " WHERE user_id = $1 AND idempotency_key = $2 AND task_id = $3")
        .execute(Tuple.of(userId, key, taskId))
        .replaceWithVoid();
  }

  /**
   * Gives up the claim on {@code taskId} after Kafka did not confirm the task: the row keeps the
   * task id and is dated back past {@code lease}, so that the next request with the key takes it
   * over at once ({@link #takeOverStale}) and queues the same task id again. (A send that was not
   * confirmed may have reached Kafka all the same: a new task id would then run the task twice.)
   */
  public Uni<Void> abandon(UUID userId, String key, UUID taskId, Duration lease) {
    return pool.preparedQuery(
            "UPDATE idempotency_keys SET created_at = now() - make_interval(secs => $4)"
                + " WHERE user_id = $1 AND idempotency_key = $2 AND task_id = $3"
                + " AND NOT acknowledged")
        .execute(Tuple.of(userId, key, taskId, lease.toMillis() / 1000.0 + 1))
        .replaceWithVoid();
  }

  /** Deletes keys older than {@code retention}; returns how many. */
  public Uni<Integer> purgeOlderThan(Duration retention) {
    return pool.preparedQuery(
            "DELETE FROM idempotency_keys WHERE created_at < now() - make_interval(secs => $1)")
        .execute(Tuple.of((double) retention.toSeconds()))
        .map(RowSet::rowCount);
  }

  private static Optional<KeyedTask> first(RowSet<Row> rows) {
    return rows.rowCount() == 0 ? Optional.empty() : Optional.of(keyedTask(rows.iterator().next()));
  }

  private static KeyedTask keyedTask(Row row) {
    return new KeyedTask(
        row.getUUID("task_id"),
        row.getUUID("agent_id"),
        row.getOffsetDateTime("submitted_at").toInstant(),
        row.getBoolean("acknowledged"),
        row.getBuffer("request_hash") == null ? null : row.getBuffer("request_hash").getBytes());
  }
}
