package io.agentry.gateway.repository;

import io.agentry.gateway.service.KeyedTask;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

/**
 * Idempotency keys in the gateway's PostgreSQL database. The unique (user, key) pair and {@code
 * INSERT ... ON CONFLICT} make concurrent duplicates agree on one task, across gateway instances
 * and restarts.
 */
@ApplicationScoped
public class IdempotencyRepository {

  private final Pool pool;

  public IdempotencyRepository(Pool pool) {
    this.pool = pool;
  }

  /**
   * Records {@code task} for the key unless a row younger than {@code retention} holds it already
   * (an older one is replaced); returns the row that holds the key now (empty only when the holder
   * released it meanwhile). The caller owns the key when the returned task id is its own.
   */
  public Uni<Optional<KeyedTask>> claim(
      UUID userId, String key, KeyedTask task, Duration retention) {
    return pool.preparedQuery(
            "INSERT INTO idempotency_keys AS k"
                + " (user_id, idempotency_key, task_id, agent_id, submitted_at)"
                + " VALUES ($1, $2, $3, $4, $5)"
                + " ON CONFLICT (user_id, idempotency_key) DO UPDATE SET"
                + " task_id = EXCLUDED.task_id, agent_id = EXCLUDED.agent_id,"
                + " submitted_at = EXCLUDED.submitted_at, acknowledged = false, created_at = now()"
                + " WHERE k.created_at < now() - make_interval(secs => $6)"
                + " RETURNING task_id, agent_id, submitted_at, acknowledged")
        .execute(
            Tuple.of(
                userId,
                key,
                task.taskId(),
                task.agentId(),
                OffsetDateTime.ofInstant(task.submittedAt(), ZoneOffset.UTC),
                (double) retention.toSeconds()))
        .flatMap(
            rows -> rows.rowCount() == 1 ? Uni.createFrom().item(first(rows)) : find(userId, key));
  }

  /** The row that holds the key, if any. */
  public Uni<Optional<KeyedTask>> find(UUID userId, String key) {
    return pool.preparedQuery(
            "SELECT task_id, agent_id, submitted_at, acknowledged FROM idempotency_keys"
                + " WHERE user_id = $1 AND idempotency_key = $2")
        .execute(Tuple.of(userId, key))
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

  /** Frees the key after its task could not be queued, so that a retry can proceed. */
  public Uni<Void> release(UUID userId, String key, UUID taskId) {
    return pool.preparedQuery(
            "DELETE FROM idempotency_keys"
                + " WHERE user_id = $1 AND idempotency_key = $2 AND task_id = $3")
        .execute(Tuple.of(userId, key, taskId))
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
        row.getBoolean("acknowledged"));
  }
}
