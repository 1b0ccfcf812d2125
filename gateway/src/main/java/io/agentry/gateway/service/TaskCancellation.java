package io.agentry.gateway.service;

import io.agentry.gateway.client.ResultsClient;
import io.agentry.gateway.client.TaskState;
import io.agentry.gateway.config.GatewayConfig;
import io.agentry.gateway.messaging.TaskPublisher;
import io.agentry.gateway.problem.GatewayException;
import io.agentry.gateway.problem.ProblemType;
import io.agentry.gateway.security.Caller;
import io.agentry.wire.TaskControl;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * {@code DELETE /tasks/{id}}: checks at results-service that the task is the caller's and has not
 * ended, then sends the cancellation to every executor over {@code task-control}.
 *
 * <p>A task accepted a moment ago may not be recorded yet (its QUEUED event is on its way), so a
 * task the results service does not know is asked for again a few times, for about a second, before
 * the answer is 404.
 */
@ApplicationScoped
public class TaskCancellation {

  /** Lookups of a task not recorded yet: the first and up to this many more. */
  static final int NOT_YET_RECORDED_RETRIES = 5;

  private final ResultsClient results;
  private final TaskPublisher publisher;
  private final int retryAfterSeconds;

  public TaskCancellation(ResultsClient results, TaskPublisher publisher, GatewayConfig config) {
    this.results = results;
    this.publisher = publisher;
    this.retryAfterSeconds = config.tasks().retryAfterSeconds();
  }

  /** The task as it was when the cancellation was sent. */
  public Uni<TaskState> cancel(Caller caller, UUID taskId) {
    return results
        .task(taskId, caller.authorization())
        .map(found -> found.orElseThrow(() -> notFound(taskId)))
        .onFailure(TaskCancellation::isNotFound)
        .retry()
        .withBackOff(Duration.ofMillis(50), Duration.ofMillis(400))
        .atMost(NOT_YET_RECORDED_RETRIES)
        .call(
            task -> {
              if (task.status().isTerminal()) {
                throw new GatewayException(
                    ProblemType.TASK_FINISHED,
                    "Task " + taskId + " has already ended " + task.status() + ".");
              }
              return publisher
                  .publish(TaskControl.cancel(taskId, caller.userId(), Instant.now()))
                  .onFailure()
                  .transform(
                      e ->
                          GatewayException.retryLater(
                              ProblemType.QUEUE_UNAVAILABLE,
                              "The cancellation could not be sent; try again shortly.",
                              retryAfterSeconds,
                              e));
            });
  }

  private static boolean isNotFound(Throwable failure) {
    return failure instanceof GatewayException e && e.type() == ProblemType.TASK_NOT_FOUND;
  }

  /** The answer for a task that does not exist or is not the caller's. */
  public static GatewayException notFound(Object taskId) {
    return new GatewayException(ProblemType.TASK_NOT_FOUND, "There is no task " + taskId + ".");
  }
}
