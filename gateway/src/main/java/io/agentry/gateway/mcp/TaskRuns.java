package io.agentry.gateway.mcp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentry.gateway.AcceptedTask;
import io.agentry.gateway.TaskOutcome;
import io.agentry.gateway.client.ResultsClient;
import io.agentry.gateway.messaging.TaskWaiters;
import io.agentry.gateway.problem.GatewayException;
import io.agentry.gateway.security.Caller;
import io.agentry.gateway.service.Submission;
import io.agentry.gateway.service.TaskCancellation;
import io.agentry.gateway.service.TaskSubmission;
import io.agentry.wire.TaskEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.jboss.logging.Logger;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * Runs a task for a tool call exactly as {@code POST /tasks} does (the same {@link TaskSubmission}:
 * validation, agent lookup, quotas, queueing), then follows it through its events on {@code
 * task-events} to its end. A run never outlives its task's time limit plus a margin: then it
 * answers with the task's status as results-service has it. Cancelling the run (the client's {@code
 * notifications/cancelled}) cancels the task as {@code DELETE /tasks/{id}} does.
 */
@ApplicationScoped
public class TaskRuns {

  private static final Logger LOG = Logger.getLogger(TaskRuns.class);

  private final TaskSubmission submission;
  private final TaskWaiters waiters;
  private final TaskCancellation cancellation;
  private final ResultsClient results;
  private final Vertx vertx;
  private final Duration margin;

  public TaskRuns(
      TaskSubmission submission,
      TaskWaiters waiters,
      TaskCancellation cancellation,
      ResultsClient results,
      Vertx vertx,
      McpConfig config) {
    this.submission = submission;
    this.waiters = waiters;
    this.cancellation = cancellation;
    this.results = results;
    this.vertx = vertx;
    this.margin = config.callMargin();
  }

  /** What a run came to. */
  sealed interface Outcome {

    /** The task ended. */
    record Ended(TaskOutcome outcome) implements Outcome {}

    /** The task had not ended when the call's time was up; {@code status} as last recorded. */
    record StillGoing(UUID taskId, String status, Duration waited) implements Outcome {}

    /** The submission was refused, as {@code POST /tasks} would have answered. */
    record Refused(GatewayException problem) implements Outcome {}
  }

  /**
   * Submits {@code body} (a {@code POST /tasks} body) for {@code caller} and follows the task;
   * {@code progress} receives its QUEUED and RUNNING events (on the thread that reads Kafka).
   */
  Mono<Outcome> run(Caller caller, ObjectNode body, int timeoutMs, Consumer<TaskEvent> progress) {
    return Mono.create(sink -> new Run(caller, body, timeoutMs, progress, sink).start());
  }

  private final class Run {
    private final Caller caller;
    private final ObjectNode body;
    private final Duration limit;
    private final Consumer<TaskEvent> progress;
    private final MonoSink<Outcome> sink;
    private final AtomicBoolean finished = new AtomicBoolean();
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private TaskWaiters.Watch watch;
    private volatile UUID taskId;
    private volatile long timer = -1;

    Run(
        Caller caller,
        ObjectNode body,
        int timeoutMs,
        Consumer<TaskEvent> progress,
        MonoSink<Outcome> sink) {
      this.caller = caller;
      this.body = body;
      this.limit = Duration.ofMillis(timeoutMs).plus(margin);
      this.progress = progress;
      this.sink = sink;
    }

    void start() {
      watch = waiters.watch(caller.userId());
      sink.onCancel(this::cancel);
      sink.onDispose(this::release);
      submission
          .submit(caller, body, null, Duration.ZERO)
          .subscribe()
          .with(this::accepted, this::refused);
    }

    private void accepted(Submission submitted) {
      AcceptedTask task = ((Submission.Accepted) submitted).task();
      taskId = task.taskId();
      if (cancelled.get()) {
        cancelTask();
        return;
      }
      timer = vertx.setTimer(limit.toMillis(), id -> timeUp());
      watch.events(taskId, this::event);
    }

    private void event(TaskEvent event) {
      if (event.status().isTerminal()) {
        finish(new Outcome.Ended(TaskOutcome.of(event)));
      } else if (!finished.get()) {
        progress.accept(event);
      }
    }

    private void timeUp() {
      results
          .task(taskId, caller.authorization())
          .subscribe()
          .with(
              state ->
                  finish(
                      new Outcome.StillGoing(
                          taskId,
                          state.map(found -> found.status().name()).orElse("QUEUED"),
                          limit)),
              failure -> finish(new Outcome.StillGoing(taskId, "unknown", limit)));
    }

    private void refused(Throwable failure) {
      if (failure instanceof GatewayException problem) {
        finish(new Outcome.Refused(problem));
      } else if (finished.compareAndSet(false, true)) {
        sink.error(failure);
      }
    }

    private void finish(Outcome outcome) {
      if (finished.compareAndSet(false, true)) {
        sink.success(outcome);
      }
    }

    private void cancel() {
      cancelled.set(true);
      if (taskId != null && !finished.get()) {
        cancelTask();
      }
    }

    private void cancelTask() {
      UUID id = taskId;
      cancellation
          .cancel(caller, id)
          .subscribe()
          .with(
              state -> LOG.debugf("Cancelled task %s for a cancelled tool call", id),
              failure -> LOG.debugf("Task %s was not cancelled: %s", id, failure.getMessage()));
    }

    private void release() {
      if (timer >= 0) {
        vertx.cancelTimer(timer);
      }
      watch.close();
    }
  }
}
