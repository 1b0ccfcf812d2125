package io.agentry.executor.service;

import io.agentry.executor.config.ExecutorIdentity;
import io.agentry.executor.messaging.EventPublisher;
import io.agentry.executor.sandbox.InvalidModuleException;
import io.agentry.executor.sandbox.ModuleCache;
import io.agentry.executor.sandbox.PreparedModule;
import io.agentry.executor.sandbox.RunControl;
import io.agentry.executor.sandbox.RunOutcome;
import io.agentry.executor.sandbox.RunRequest;
import io.agentry.executor.sandbox.Sandbox;
import io.agentry.executor.storage.BinaryFetchException;
import io.agentry.executor.storage.BinaryStore;
import io.agentry.wire.TaskEvent;
import io.agentry.wire.TaskMessage;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.jboss.logging.Logger;

/**
 * Takes one task from a worker to its end: a copy of a task this executor finished or runs is
 * skipped, a task cancelled before it started ends CANCELLED without running, any other gets
 * RUNNING, then its binary (fetched, verified and compiled once per hash), then the sandbox, then
 * exactly one terminal event.
 */
@ApplicationScoped
public class TaskRunner {

  static final String NO_BINARY_HASH =
      "the task has no binaryHash and this executor cannot look agents up yet";

  /** A task that was cancelled before it started never ran: no executor started it. */
  private static final int NOT_STARTED = 0;

  private static final Logger LOG = Logger.getLogger(TaskRunner.class);

  private final EventPublisher events;
  private final BinaryStore binaries;
  private final ModuleCache modules;
  private final Sandbox sandbox;
  private final TaskLedger ledger;
  private final ExecutorMetrics metrics;
  private final String executorId;

  public TaskRunner(
      EventPublisher events,
      BinaryStore binaries,
      ModuleCache modules,
      Sandbox sandbox,
      TaskLedger ledger,
      ExecutorMetrics metrics,
      ExecutorIdentity identity) {
    this.events = events;
    this.binaries = binaries;
    this.modules = modules;
    this.sandbox = sandbox;
    this.ledger = ledger;
    this.metrics = metrics;
    this.executorId = identity.id();
  }

  /**
   * Returns once the task's terminal event was acknowledged by Kafka, or at once for a copy of a
   * task this executor finished or runs (which publishes nothing).
   *
   * @param attempt how many times an executor has started this task, counting this one
   * @throws CancellationException when the executor stops during the run: no terminal event is
   *     published and the record is left for redelivery
   */
  public void handle(TaskMessage task, int attempt) {
    TaskLedger.Admission admission = ledger.admit(task);
    switch (admission.decision()) {
      case DUPLICATE -> {
        metrics.duplicateSkipped();
        LOG.infof("Task %s was finished or is running here: this copy is not run", task.taskId());
      }
      case CANCELLED -> finish(task, NOT_STARTED, RunOutcome.cancelled());
      case RUN -> {
        metrics.waited(Duration.between(task.submittedAt(), Instant.now()));
        run(task, attempt, admission.control());
      }
    }
  }

  private void run(TaskMessage task, int attempt, RunControl control) {
    boolean finished = false;
    try {
      events.publish(TaskEvent.running(task, attempt, executorId, Instant.now()));
      finish(task, attempt, execute(task, control));
      finished = true;
    } finally {
      if (!finished) {
        ledger.released(task.taskId());
      }
    }
  }

  private void finish(TaskMessage task, int attempt, RunOutcome outcome) {
    events.publish(
        TaskEvent.finished(
            task, outcome.status(), attempt, executorId, Instant.now(), outcome.result()));
    ledger.finished(task.taskId(), outcome.status());
    metrics.taskEnded(outcome.status());
    LOG.debugf(
        "Task %s ended %s in %d ms",
        task.taskId(), outcome.status(), outcome.result().durationMs());
  }

  private RunOutcome execute(TaskMessage task, RunControl control) {
    String hash = task.binaryHash();
    if (hash == null) {
      return RunOutcome.rejected(NO_BINARY_HASH);
    }
    PreparedModule module;
    try {
      module = modules.get(hash, () -> prepare(binaries.fetch(hash)));
    } catch (BinaryFetchException | InvalidModuleException e) {
      return RunOutcome.failed(e.getMessage());
    } catch (CancellationException e) {
      throw e;
    } catch (RuntimeException e) {
      LOG.errorf(e, "Could not prepare the binary of task %s", task.taskId());
      return RunOutcome.failed(
          "the executor could not prepare binary sha256/" + hash + "; submit the task again");
    }
    RunOutcome outcome =
        sandbox.run(
            module,
            new RunRequest(
                task.input(), argv(task), task.env(), task.timeoutMs(), task.maxMemoryMb()),
            control);
    metrics.ran(outcome.status(), outcome.result().durationMs());
    return outcome;
  }

  private PreparedModule prepare(byte[] binary) {
    long start = System.nanoTime();
    PreparedModule module = PreparedModule.prepare(binary);
    metrics.compiled(System.nanoTime() - start);
    return module;
  }

  /** {@code [agent, ...args]}; the agent's id stands in for its name, which tasks do not carry. */
  private static List<String> argv(TaskMessage task) {
    List<String> argv = new ArrayList<>(task.args().size() + 1);
    argv.add(task.agentId().toString());
    argv.addAll(task.args());
    return argv;
  }
}
