package io.agentry.executor.service;

import io.agentry.executor.config.ExecutorConfig;
import io.agentry.sandbox.RunControl;
import io.agentry.wire.TaskControl;
import io.agentry.wire.TaskMessage;
import io.agentry.wire.TaskStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.LongSupplier;
import org.jboss.logging.Logger;

/**
 * What this executor knows about tasks, in memory only: the ones running here (so that they can be
 * cancelled or stopped), the ones it finished recently (so that a redelivered record of one is not
 * run again), the ones it started without finishing (so that a second start counts as attempt 2)
 * and the cancellations it read (so that a task that arrives later never runs).
 */
@ApplicationScoped
public class TaskLedger {

  private static final Logger LOG = Logger.getLogger(TaskLedger.class);

  private final Map<UUID, Running> running = new HashMap<>();
  private final RecentMap<UUID, TaskStatus> finished;
  private final RecentMap<UUID, UUID> cancelledBy;
  private final RecentMap<UUID, Start> starts;

  @Inject
  public TaskLedger(ExecutorConfig config) {
    this(
        config.finishedTasks().maxEntries(),
        config.cancellations().maxEntries(),
        config.cancellations().rememberFor(),
        System::nanoTime);
  }

  TaskLedger(int maxFinished, int maxCancelled, Duration rememberCancelled, LongSupplier nanoTime) {
    this.finished = new RecentMap<>(maxFinished, null, nanoTime);
    this.cancelledBy = new RecentMap<>(maxCancelled, rememberCancelled, nanoTime);
    this.starts = new RecentMap<>(maxFinished, null, nanoTime);
  }

  /** What to do with a task that a worker took up. */
  public record Admission(Decision decision, RunControl control) {}

  /** The three ways a task can go. */
  public enum Decision {
    /** Run it under the admission's control; then {@link #finished} or {@link #released}. */
    RUN,
    /** Its user cancelled it before it started: end it CANCELLED without running it. */
    CANCELLED,
    /** This executor finished it already, or is running it: this copy changes nothing. */
    DUPLICATE
  }

  /** Decides about a task a worker took up; a task admitted to run counts as running here. */
  public synchronized Admission admit(TaskMessage task) {
    UUID taskId = task.taskId();
    if (finished.get(taskId) != null || running.containsKey(taskId)) {
      return new Admission(Decision.DUPLICATE, null);
    }
    if (task.userId().equals(cancelledBy.get(taskId))) {
      return new Admission(Decision.CANCELLED, null);
    }
    RunControl control = new RunControl();
    running.put(taskId, new Running(task.userId(), control));
    return new Admission(Decision.RUN, control);
  }

  /**
   * A start of a task that {@link #admit} let run: which attempt it is by what this executor knows
   * (1, or one more than the starts it made without finishing), and the start's time, later than
   * any earlier start's so that each start has its own.
   */
  public record Start(int attempt, Instant at) {}

  /** The task admitted to run is starting now; see {@link Start}. */
  public synchronized Start started(UUID taskId, Instant now) {
    // Microseconds: what the results service's timestamps keep, so starts stay distinct there.
    Instant at = now.truncatedTo(ChronoUnit.MICROS);
    Start previous = starts.get(taskId);
    Start start =
        previous == null
            ? new Start(1, at)
            : new Start(
                previous.attempt() + 1,
                at.isAfter(previous.at()) ? at : previous.at().plus(1, ChronoUnit.MICROS));
    starts.put(taskId, start);
    return start;
  }

  /** The task's terminal event was acknowledged by Kafka. */
  public synchronized void finished(UUID taskId, TaskStatus status) {
    running.remove(taskId);
    starts.remove(taskId);
    finished.put(taskId, status);
  }

  /**
   * The task stopped without a terminal event (the executor is stopping): it no longer runs here,
   * but its starts are remembered.
   */
  public synchronized void released(UUID taskId) {
    running.remove(taskId);
  }

  /**
   * Records a cancellation and stops the task if it runs here. Only the user who submitted a task
   * can cancel it.
   */
  public synchronized void cancel(TaskControl control) {
    cancelledBy.put(control.taskId(), control.userId());
    Running task = running.get(control.taskId());
    if (task == null) {
      return;
    }
    if (task.userId().equals(control.userId())) {
      LOG.infof("Cancelling task %s, which runs here", control.taskId());
      task.control().cancel();
    } else {
      LOG.warnf(
          "Ignoring a cancellation of task %s by user %s, who did not submit it",
          control.taskId(), control.userId());
    }
  }

  /** Stops every run still going, for shutdown; returns how many there were. */
  public synchronized int stopAll() {
    running.values().forEach(task -> task.control().shutdown());
    return running.size();
  }

  /** How many tasks run here now. */
  public synchronized int runningCount() {
    return running.size();
  }

  private record Running(UUID userId, RunControl control) {}
}
