package io.agentry.gateway.service;

import io.agentry.gateway.AcceptedTask;
import io.agentry.gateway.config.GatewayConfig;
import io.agentry.gateway.problem.FieldError;
import io.agentry.gateway.problem.GatewayException;
import io.agentry.gateway.problem.ProblemType;
import io.agentry.gateway.repository.IdempotencyRepository;
import io.agentry.wire.TaskMessage;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Submissions with an {@code Idempotency-Key}: the first request for a (user, key) pair claims it
 * in PostgreSQL and queues its task; any other request with the same pair within the retention gets
 * that task once Kafka has acknowledged it. A key never gets a second task id: if Kafka does not
 * confirm the task (the send may have reached it all the same), the request gives up its claim and
 * the next request with the key queues the same task id again; if the request never finishes (its
 * gateway died between the claim and the acknowledgement), the next request takes its claim over
 * once the claim's lease has run out. The task may then be on Kafka twice, which its consumers,
 * being idempotent by task id, treat as one task. A key belongs to one request body: a request with
 * the same key and another body (by {@link TaskRequest#fingerprint()}) is refused with 409 {@code
 * idempotency-key-reused}, so a takeover always queues the first request's task.
 */
@ApplicationScoped
public class IdempotentSubmission {

  private static final Logger LOG = Logger.getLogger(IdempotentSubmission.class);
  private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");
  private static final Duration POLL_INTERVAL = Duration.ofMillis(50);
  private static final int STORE_RETRY_AFTER_SECONDS = 5;

  private final IdempotencyRepository keys;
  private final TaskQueue queue;
  private final Duration retention;
  private final Duration maxWait;
  private final Duration claimLease;

  public IdempotentSubmission(IdempotencyRepository keys, TaskQueue queue, GatewayConfig config) {
    this.keys = keys;
    this.queue = queue;
    this.retention = config.tasks().idempotencyRetention();
    this.maxWait = config.tasks().idempotencyWait();
    this.claimLease = config.tasks().idempotencyClaimLease();
  }

  /** Refuses a key that is empty, too long or not printable ASCII. */
  public static void checkKey(String key) {
    if (!KEY.matcher(key).matches()) {
      throw new GatewayException(
          ProblemType.INVALID_TASK,
          "The Idempotency-Key header is invalid.",
          List.of(
              new FieldError(
                  "Idempotency-Key", "must be 1-255 printable ASCII characters without spaces")));
    }
  }

  /**
   * Submits a task that {@code newTask} makes (from a task id and submission time), unless the key
   * already holds one.
   */
  public Uni<Submission> submit(
      UUID userId, String key, byte[] fingerprint, TaskFactory newTask, Duration wait) {
    long deadline = System.nanoTime() + maxWait.toNanos();
    return attempt(new Claim(userId, key, fingerprint, newTask, wait), deadline);
  }

  /** One request's use of a key: who, which key, what it asks for and how long it waits. */
  private record Claim(
      UUID userId, String key, byte[] fingerprint, TaskFactory newTask, Duration waitFor) {}

  private Uni<Submission> attempt(Claim claim, long deadline) {
    UUID userId = claim.userId();
    String key = claim.key();
    Duration wait = claim.waitFor();
    TaskMessage task =
        claim.newTask().create(UUID.randomUUID(), Instant.now().truncatedTo(ChronoUnit.MILLIS));
    KeyedTask mine =
        new KeyedTask(
            task.taskId(), task.agentId(), task.submittedAt(), false, claim.fingerprint());
    return keys.claim(userId, key, mine, retention)
        .onFailure()
        .transform(IdempotentSubmission::storeUnavailable)
        .chain(
            holder -> {
              if (holder.isEmpty()) {
                return attempt(claim, deadline);
              }
              if (holder.get().taskId().equals(task.taskId())) {
                return queueOwnTask(userId, key, task, wait);
              }
              return awaitHolder(claim, holder.get(), deadline);
            });
  }

  private Uni<Submission> queueOwnTask(UUID userId, String key, TaskMessage task, Duration wait) {
    return queue
        .enqueue(
            task,
            wait,
            () ->
                keys.acknowledge(userId, key, task.taskId())
                    .onFailure()
                    .recoverWithUni(
                        e -> {
                          LOG.warnf("Could not mark task %s as queued: %s", task.taskId(), e);
                          return Uni.createFrom().voidItem();
                        }))
        .onFailure()
        .call(
            e ->
                keys.abandon(userId, key, task.taskId(), claimLease)
                    .onFailure()
                    .recoverWithUni(
                        abandoned -> {
                          LOG.warnf(
                              "Could not give up the Idempotency-Key claim of task %s; the next"
                                  + " request takes it over when its lease runs out",
                              task.taskId());
                          return Uni.createFrom().voidItem();
                        }));
  }

  private Uni<Submission> awaitHolder(Claim claim, KeyedTask holder, long deadline) {
    UUID userId = claim.userId();
    String key = claim.key();
    if (holder.isForAnotherRequest(claim.fingerprint())) {
      return Uni.createFrom().failure(reused(holder));
    }
    if (holder.acknowledged()) {
      return Uni.createFrom()
          .item(
              new Submission.Accepted(
                  AcceptedTask.queued(holder.taskId(), holder.agentId(), holder.submittedAt())));
    }
    if (System.nanoTime() - deadline > 0) {
      return Uni.createFrom()
          .failure(
              GatewayException.retryLater(
                  ProblemType.QUEUE_UNAVAILABLE,
                  "A request with the same Idempotency-Key is still being queued; try again"
                      + " shortly.",
                  STORE_RETRY_AFTER_SECONDS,
                  null));
    }
    return Uni.createFrom()
        .voidItem()
        .onItem()
        .delayIt()
        .by(POLL_INTERVAL)
        .chain(() -> keys.takeOverStale(userId, key, holder.taskId(), claimLease))
        .onFailure()
        .transform(IdempotentSubmission::storeUnavailable)
        .chain(
            (Optional<KeyedTask> taken) -> {
              if (taken.isPresent()) {
                LOG.infof(
                    "Took over the stale claim of task %s on an Idempotency-Key: queueing it again",
                    holder.taskId());
                // The same body as the first request's (checked above), so the same task.
                return queueOwnTask(
                    userId,
                    key,
                    claim.newTask().create(holder.taskId(), holder.submittedAt()),
                    claim.waitFor());
              }
              return keys.find(userId, key)
                  .onFailure()
                  .transform(IdempotentSubmission::storeUnavailable)
                  .chain(
                      (Optional<KeyedTask> now) ->
                          now.isEmpty()
                              ? attempt(claim, deadline)
                              : awaitHolder(claim, now.get(), deadline));
            });
  }

  /** Makes the task of a submission with a given task id and submission time. */
  @FunctionalInterface
  public interface TaskFactory {
    TaskMessage create(UUID taskId, Instant submittedAt);
  }

  /** Deletes keys past the retention, so the table holds about a day of keys. */
  @Scheduled(every = "1h", delayed = "1m")
  Uni<Void> purge() {
    return keys.purgeOlderThan(retention)
        .invoke(count -> LOG.debugf("Purged %d idempotency keys", count))
        .onFailure()
        .recoverWithItem(
            e -> {
              LOG.warnf("Could not purge idempotency keys: %s", e.toString());
              return 0;
            })
        .replaceWithVoid();
  }

  private static GatewayException reused(KeyedTask holder) {
    return new GatewayException(
        ProblemType.IDEMPOTENCY_KEY_REUSED,
        "This Idempotency-Key was first used for another request (task "
            + holder.taskId()
            + "). Send exactly the first request's body to get that task, or use a new key for a"
            + " new task.");
  }

  private static Throwable storeUnavailable(Throwable e) {
    if (e instanceof GatewayException known) {
      return known;
    }
    LOG.warnf("The idempotency store failed: %s", e.toString());
    return GatewayException.retryLater(
        ProblemType.SERVICE_UNAVAILABLE,
        "Submissions with an Idempotency-Key cannot be taken right now; try again shortly.",
        STORE_RETRY_AFTER_SECONDS,
        e);
  }
}
