package io.agentry.gateway.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * The tasks each user has queued or running, in the gateway's PostgreSQL database, so that every
 * gateway replica counts the same tasks. A reservation is checked and written in one transaction
 * under a per-user advisory lock, so concurrent submissions of one user (at any replica) are
 * counted one after the other and never pass the limit together.
 */
@ApplicationScoped
public class TaskReservationRepository {

  private final Pool pool;

  public TaskReservationRepository(Pool pool) {
    this.pool = pool;
  }

  /** A user's open reservations: how many tasks and how much memory-time (MiB x ms). */
  public record Usage(long tasks, long memoryMbMs) {}

  /** What {@link #reserve} did: reserved (or found the task already there), or refused. */
  public record Outcome(boolean reserved, Usage usage) {}

  /** A task that reached its end, for {@link #end}. */
  public record Ended(UUID taskId, UUID userId) {}

  /**
   * Reserves {@code taskId} for {@code userId} unless that would take the user past {@code
   * maxTasks} or {@code maxMemoryMbMs}. A task id that has a row already (the same task queued
   * again, or a task whose terminal event came first) is not counted again and always passes.
   *
   * @param pendingLease how long an unacknowledged reservation keeps counting
   */
  public Uni<Outcome> reserve(
      UUID userId,
      UUID taskId,
      long memoryMbMs,
      long maxTasks,
      long maxMemoryMbMs,
      Duration pendingLease) {
    return pool.withTransaction(
        tx ->
            tx.preparedQuery("SELECT pg_advisory_xact_lock(hashtextextended($1, 7))")
                .execute(Tuple.of(userId.toString()))
                .chain(() -> exists(tx, taskId))
                .chain(
                    known ->
                        usage(tx, userId, pendingLease)
                            .chain(
                                usage -> {
                                  boolean fits =
                                      usage.tasks() + 1 <= maxTasks
                                          && usage.memoryMbMs() + memoryMbMs <= maxMemoryMbMs;
                                  if (known || !fits) {
                                    return Uni.createFrom().item(new Outcome(known, usage));
                                  }
                                  return insert(tx, userId, taskId, memoryMbMs)
                                      .replaceWith(new Outcome(true, usage));
                                })));
  }

  private static Uni<Void> insert(SqlClient tx, UUID userId, UUID taskId, long memoryMbMs) {
    return tx.preparedQuery(
            "INSERT INTO task_reservations (task_id, user_id, memory_mb_ms)"
                + " VALUES ($1, $2, $3) ON CONFLICT DO NOTHING")
        .execute(Tuple.of(taskId, userId, memoryMbMs))
        .replaceWithVoid();
  }

  /** The user's open reservations now. */
  public Uni<Usage> usage(UUID userId, Duration pendingLease) {
    return usage(pool, userId, pendingLease);
  }

  /** Marks a reserved task as acknowledged by Kafka: it counts until its terminal event. */
  public Uni<Void> markQueued(UUID taskId) {
    return pool.preparedQuery("UPDATE task_reservations SET queued = true WHERE task_id = $1")
        .execute(Tuple.of(taskId))
        .replaceWithVoid();
  }

  /** Drops the reservation of a task Kafka did not take. */
  public Uni<Void> release(UUID taskId) {
    return pool.preparedQuery(
            "DELETE FROM task_reservations WHERE task_id = $1 AND NOT queued AND ended_at IS NULL")
        .execute(Tuple.of(taskId))
        .replaceWithVoid();
  }

  /**
   * Ends the reservations of tasks that reached a terminal status, in one statement; a task with no
   * reservation yet gets an ended row, so that reserving it later counts nothing.
   */
  public Uni<Void> end(List<Ended> ended) {
    UUID[] taskIds = ended.stream().map(Ended::taskId).toArray(UUID[]::new);
    UUID[] userIds = ended.stream().map(Ended::userId).toArray(UUID[]::new);
    return pool.preparedQuery(
            "INSERT INTO task_reservations (task_id, user_id, memory_mb_ms, ended_at)"
                + " SELECT t, u, 0, now() FROM unnest($1::uuid[], $2::uuid[]) AS e(t, u)"
                + " ON CONFLICT (task_id) DO UPDATE"
                + " SET ended_at = coalesce(task_reservations.ended_at, now())")
        .execute(Tuple.of(taskIds, userIds))
        .replaceWithVoid();
  }

  /** Deletes rows reserved longer ago than {@code maxAge}; returns how many. */
  public Uni<Integer> purgeOlderThan(Duration maxAge) {
    return pool.preparedQuery(
            "DELETE FROM task_reservations WHERE reserved_at < now() - make_interval(secs => $1)")
        .execute(Tuple.of((double) maxAge.toSeconds()))
        .map(RowSet::rowCount);
  }

  private static Uni<Boolean> exists(SqlClient client, UUID taskId) {
    return client
        .preparedQuery("SELECT 1 FROM task_reservations WHERE task_id = $1")
        .execute(Tuple.of(taskId))
        .map(rows -> rows.rowCount() > 0);
  }

  private static Uni<Usage> usage(SqlClient client, UUID userId, Duration pendingLease) {
    return client
        .preparedQuery(
            "SELECT count(*) AS tasks, coalesce(sum(memory_mb_ms), 0)::bigint AS memory"
                + " FROM task_reservations WHERE user_id = $1 AND ended_at IS NULL"
                + " AND (queued OR reserved_at > now() - make_interval(secs => $2))")
        .execute(Tuple.of(userId, pendingLease.toMillis() / 1000.0))
        .map(
            rows -> {
              Row row = rows.iterator().next();
              return new Usage(row.getLong("tasks"), row.getLong("memory"));
            });
  }
}
