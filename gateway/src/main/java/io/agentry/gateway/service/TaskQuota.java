package io.agentry.gateway.service;

import io.agentry.gateway.config.GatewayConfig;
import io.agentry.gateway.problem.GatewayException;
import io.agentry.gateway.problem.ProblemType;
import io.agentry.gateway.repository.TaskReservationRepository;
import io.agentry.gateway.repository.TaskReservationRepository.Outcome;
import io.agentry.wire.TaskMessage;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The per-user quotas at submission: tasks queued or running, and the memory-time they reserve (the
 * sum of {@code maxMemoryMb x timeoutMs}). Every task is reserved before it is published and counts
 * until its terminal event ({@code messaging/QuotaEvents}); with {@code
 * agentry.gateway.rate-limit.enabled=false} nothing is counted.
 */
@ApplicationScoped
public class TaskQuota {

  private static final Logger LOG = Logger.getLogger(TaskQuota.class);
  private static final int STORE_RETRY_AFTER_SECONDS = 5;

  private final TaskReservationRepository reservations;
  private final boolean enabled;
  private final GatewayConfig.Quota config;

  public TaskQuota(TaskReservationRepository reservations, GatewayConfig config) {
    this.reservations = reservations;
    this.enabled = config.rateLimit().enabled();
    this.config = config.quota();
  }

  /** The memory-time a task reserves, in MiB x ms. */
  public static long memoryMbMs(TaskMessage task) {
    return (long) task.maxMemoryMb() * task.timeoutMs();
  }

  /**
   * Reserves {@code task} for its user; fails with {@code task-quota-exceeded} (429) when it would
   * take the user past a quota, or {@code service-unavailable} when the count cannot be read.
   */
  public Uni<Void> reserve(TaskMessage task) {
    if (!enabled) {
      return Uni.createFrom().voidItem();
    }
    long needed = memoryMbMs(task);
    return reservations
        .reserve(
            task.userId(),
            task.taskId(),
            needed,
            config.maxTasks(),
            config.maxMemorySeconds() * 1000,
            config.pendingLease())
        .onFailure()
        .transform(TaskQuota::storeUnavailable)
        .invoke(
            outcome -> {
              if (!outcome.reserved()) {
                throw exceeded(outcome, needed);
              }
            })
        .replaceWithVoid();
  }

  /** The task is on Kafka: it counts until it ends. Failures only make it stop counting early. */
  public void queued(UUID taskId) {
    if (!enabled) {
      return;
    }
    reservations
        .markQueued(taskId)
        .subscribe()
        .with(
            ignored -> {},
            e -> LOG.warnf("Could not mark the reservation of task %s as queued: %s", taskId, e));
  }

  /** Kafka did not take the task: it no longer counts. */
  public Uni<Void> release(UUID taskId) {
    if (!enabled) {
      return Uni.createFrom().voidItem();
    }
    return reservations
        .release(taskId)
        .onFailure()
        .recoverWithUni(
            e -> {
              LOG.warnf("Could not release the reservation of task %s: %s", taskId, e);
              return Uni.createFrom().voidItem();
            });
  }

  /** Forgets reservations older than {@code max-age}, ended or not. */
  @Scheduled(every = "1h", delayed = "2m")
  Uni<Void> purge() {
    Duration maxAge = config.maxAge();
    return reservations
        .purgeOlderThan(maxAge)
        .onFailure()
        .recoverWithItem(
            e -> {
              LOG.warnf("Could not purge task reservations: %s", e.toString());
              return 0;
            })
        .replaceWithVoid();
  }

  private GatewayException exceeded(Outcome outcome, long neededMbMs) {
    Map<String, Object> members = new LinkedHashMap<>();
    String detail;
    if (outcome.usage().tasks() + 1 > config.maxTasks()) {
      members.put("quota", "tasks");
      members.put("limit", config.maxTasks());
      members.put("inUse", outcome.usage().tasks());
      detail =
          "You have "
              + outcome.usage().tasks()
              + " tasks queued or running, and the limit is "
              + config.maxTasks()
              + " per user; submit again when some of them have ended.";
    } else {
      long inUse = seconds(outcome.usage().memoryMbMs());
      long needed = seconds(neededMbMs);
      members.put("quota", "memoryTime");
      members.put("unit", "MiB-seconds");
      members.put("limit", config.maxMemorySeconds());
      members.put("inUse", inUse);
      members.put("requested", needed);
      detail =
          "Your queued and running tasks reserve "
              + inUse
              + " MiB-seconds of memory-time (maxMemoryMb x timeoutMs) and this one needs "
              + needed
              + " more; the limit is "
              + config.maxMemorySeconds()
              + " per user. Submit again when some of them have ended, or with a lower"
              + " maxMemoryMb or timeoutMs.";
    }
    members.put("retryAfterSeconds", config.retryAfterSeconds());
    return GatewayException.withMembers(
        ProblemType.TASK_QUOTA_EXCEEDED,
        detail,
        members,
        OptionalInt.of(config.retryAfterSeconds()));
  }

  private static long seconds(long mbMs) {
    return (mbMs + 999) / 1000;
  }

  private static Throwable storeUnavailable(Throwable e) {
    if (e instanceof GatewayException known) {
      return known;
    }
    LOG.warnf("The task quota store failed: %s", e.toString());
    return GatewayException.retryLater(
        ProblemType.SERVICE_UNAVAILABLE,
        "Tasks cannot be counted against your quota right now; try again shortly.",
        STORE_RETRY_AFTER_SECONDS,
        e);
  }
}
