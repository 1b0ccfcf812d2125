package io.agentry.executor.service;

import io.agentry.executor.config.ExecutorIdentity;
import io.agentry.executor.messaging.EventPublisher;
import io.agentry.executor.sandbox.InvalidModuleException;
import io.agentry.executor.sandbox.ModuleCache;
import io.agentry.executor.sandbox.PreparedModule;
import io.agentry.executor.sandbox.RunOutcome;
import io.agentry.executor.sandbox.RunRequest;
import io.agentry.executor.sandbox.Sandbox;
import io.agentry.executor.storage.BinaryFetchException;
import io.agentry.executor.storage.BinaryStore;
import io.agentry.wire.TaskEvent;
import io.agentry.wire.TaskMessage;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Runs one task from start to end: RUNNING, then the binary (fetched, verified and compiled once
 * per hash), then the sandbox, then exactly one terminal event.
 */
@ApplicationScoped
public class TaskRunner {

  static final String NO_BINARY_HASH =
      "the task has no binaryHash and this executor cannot look agents up yet";

  private static final Logger LOG = Logger.getLogger(TaskRunner.class);

  private final EventPublisher events;
  private final BinaryStore binaries;
  private final ModuleCache modules;
  private final Sandbox sandbox;
  private final MeterRegistry metrics;
  private final String executorId;

  public TaskRunner(
      EventPublisher events,
      BinaryStore binaries,
      ModuleCache modules,
      Sandbox sandbox,
      MeterRegistry metrics,
      ExecutorIdentity identity) {
    this.events = events;
    this.binaries = binaries;
    this.modules = modules;
    this.sandbox = sandbox;
    this.metrics = metrics;
    this.executorId = identity.id();
  }

  /**
   * Returns once the terminal event was acknowledged by Kafka.
   *
   * @throws java.util.concurrent.CancellationException when the executor stops during the run: no
   *     terminal event is published and the record is left for redelivery
   * @param attempt how many times an executor has started this task, counting this one
   */
  public void run(TaskMessage task, int attempt) {
    events.publish(TaskEvent.running(task, attempt, executorId, Instant.now()));
    RunOutcome outcome = execute(task);
    events.publish(
        TaskEvent.finished(
            task, outcome.status(), attempt, executorId, Instant.now(), outcome.result()));
    metrics.counter("agentry.executor.tasks", "status", outcome.status().name()).increment();
    LOG.debugf(
        "Task %s ended %s in %d ms",
        task.taskId(), outcome.status(), outcome.result().durationMs());
  }

  private RunOutcome execute(TaskMessage task) {
    String hash = task.binaryHash();
    if (hash == null) {
      return RunOutcome.rejected(NO_BINARY_HASH);
    }
    PreparedModule module;
    try {
      module = modules.get(hash, () -> PreparedModule.prepare(binaries.fetch(hash)));
    } catch (BinaryFetchException | InvalidModuleException e) {
      return RunOutcome.failed(e.getMessage());
    } catch (RuntimeException e) {
      LOG.errorf(e, "Could not prepare the binary of task %s", task.taskId());
      return RunOutcome.failed(
          "the executor could not prepare binary sha256/" + hash + "; submit the task again");
    }
    return sandbox.run(
        module,
        new RunRequest(task.input(), argv(task), task.env(), task.timeoutMs(), task.maxMemoryMb()));
  }

  /** {@code [agent, ...args]}; the agent's id stands in for its name, which tasks do not carry. */
  private static List<String> argv(TaskMessage task) {
    List<String> argv = new ArrayList<>(task.args().size() + 1);
    argv.add(task.agentId().toString());
    argv.addAll(task.args());
    return argv;
  }
}
