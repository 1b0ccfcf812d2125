package io.agentry.gateway.service;

import io.agentry.gateway.AcceptedTask;
import io.agentry.gateway.TaskOutcome;
import io.agentry.gateway.client.AgentSummary;
import io.agentry.gateway.config.GatewayConfig;
import io.agentry.gateway.messaging.TaskPublisher;
import io.agentry.gateway.messaging.TaskWaiters;
import io.agentry.gateway.problem.GatewayException;
import io.agentry.gateway.problem.ProblemType;
import io.agentry.wire.TaskEvent;
import io.agentry.wire.TaskMessage;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Queues one task: its user's quota reserved ({@link TaskQuota}), the task to {@code agent-tasks},
 * acknowledged by Kafka, then its QUEUED event to {@code task-events}, and, when asked, waits for
 * the task to end.
 */
@ApplicationScoped
public class TaskQueue {

  private static final Logger LOG = Logger.getLogger(TaskQueue.class);

  private final TaskPublisher publisher;
  private final TaskWaiters waiters;
  private final TaskQuota quota;
  private final int retryAfterSeconds;

  public TaskQueue(
      TaskPublisher publisher, TaskWaiters waiters, TaskQuota quota, GatewayConfig config) {
    this.publisher = publisher;
    this.waiters = waiters;
    this.quota = quota;
    this.retryAfterSeconds = config.tasks().retryAfterSeconds();
  }

  /** The message for a validated request. */
  public static TaskMessage message(
      UUID taskId, UUID userId, TaskRequest request, AgentSummary agent, Instant at) {
    return new TaskMessage(
        taskId,
        request.agentId(),
        userId,
        agent.binaryHash(),
        request.input(),
        request.args(),
        request.env(),
        request.timeoutMs(),
        request.maxMemoryMb(),
        at);
  }

  /**
   * Publishes {@code task}; fails with {@code task-quota-exceeded} when its user has no room left,
   * and with {@code queue-unavailable} when Kafka does not acknowledge it. With a positive {@code
   * wait}, answers the outcome if the task ends within it.
   */
  public Uni<Submission> enqueue(TaskMessage task, Duration wait) {
    return enqueue(task, wait, () -> Uni.createFrom().voidItem());
  }

  /**
   * Like {@link #enqueue(TaskMessage, Duration)}, running {@code afterQueued} as soon as the task
   * is queued, before any wait.
   */
  public Uni<Submission> enqueue(TaskMessage task, Duration wait, Supplier<Uni<Void>> afterQueued) {
    AcceptedTask accepted = AcceptedTask.queued(task.taskId(), task.agentId(), task.submittedAt());
    Uni<Void> queued =
        quota
            .reserve(task)
            .chain(() -> publish(task))
            .invoke(() -> quota.queued(task.taskId()))
            .invoke(() -> queuedEvent(task))
            .call(afterQueued::get);
    if (wait.isZero()) {
      return queued.replaceWith(new Submission.Accepted(accepted));
    }
    TaskWaiters.Waiter waiter = waiters.register(task.taskId());
    return queued
        .onFailure()
        .invoke(waiter::cancel)
        .chain(() -> waiter.await(wait))
        .map(
            event ->
                event == null
                    ? new Submission.Accepted(accepted)
                    : new Submission.Finished(TaskOutcome.of(event)));
  }

  private Uni<Void> publish(TaskMessage task) {
    return publisher
        .publish(task)
        .onFailure()
        .call(() -> quota.release(task.taskId()))
        .onFailure()
        .transform(
            e -> {
              LOG.warnf("Kafka did not take task %s: %s", task.taskId(), e.toString());
              return GatewayException.retryLater(
                  ProblemType.QUEUE_UNAVAILABLE,
                  "The task queue did not confirm the task in time. Try again shortly, with"
                      + " the same Idempotency-Key so that the task cannot be queued twice.",
                  retryAfterSeconds,
                  e);
            });
  }

  /**
   * The QUEUED event makes the task visible before an executor takes it. It is sent only after the
   * task was acknowledged, so it never announces a task that Kafka does not have, and it is not
   * awaited: the task is already queued, and if the event is lost the executor's events follow.
   * Both go through idempotent producers, so the acknowledgement of the task is the one a client
   * waits for.
   */
  private void queuedEvent(TaskMessage task) {
    publisher
        .publish(TaskEvent.queued(task, task.submittedAt()))
        .subscribe()
        .with(
            ignored -> {},
            e -> LOG.warnf("The QUEUED event of task %s was not published: %s", task.taskId(), e));
  }
}
