package io.agentry.executor.service;

import io.agentry.executor.client.AgentLookupException;
import io.agentry.executor.config.ExecutorIdentity;
import io.agentry.executor.messaging.EventPublisher;
import io.agentry.executor.storage.BinaryFetchException;
import io.agentry.executor.storage.BinaryStore;
import io.agentry.sandbox.ModuleCache;
import io.agentry.sandbox.ModuleRefusedException;
import io.agentry.sandbox.PreparedModule;
import io.agentry.sandbox.RunControl;
import io.agentry.sandbox.RunOutcome;
import io.agentry.sandbox.RunRequest;
import io.agentry.sandbox.Sandbox;
import io.agentry.wire.TaskEvent;
import io.agentry.wire.TaskMessage;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jboss.logging.Logger;

/**
 * Takes one task from a worker to its end: a copy of a task this executor finished or runs is
 * skipped, a task cancelled before it started ends CANCELLED without running, and so does a task
 * whose agent cannot be resolved (REJECTED, or FAILED when the registry cannot be asked); any other
 * gets RUNNING, then its binary (fetched, verified and compiled once per hash), then the sandbox,
 * then exactly one terminal event.
 */
@ApplicationScoped
public class TaskRunner {

  /** A task that ended before it started never ran: no executor started it. */
  private static final int NOT_STARTED = 0;

  private static final Logger LOG = Logger.getLogger(TaskRunner.class);

  private final EventPublisher events;
  private final AgentDirectory agents;
  private final BinaryStore binaries;
  private final ModuleCache modules;
  private final Sandbox sandbox;
  private final TaskLedger ledger;
  private final ExecutorMetrics metrics;
  private final String executorId;
  private final AgentSecrets secrets;

  public TaskRunner(
      EventPublisher events,
      AgentDirectory agents,
      BinaryStore binaries,
      ModuleCache modules,
      Sandbox sandbox,
      TaskLedger ledger,
      ExecutorMetrics metrics,
      ExecutorIdentity identity,
      AgentSecrets secrets) {
    this.events = events;
    this.agents = agents;
    this.binaries = binaries;
    this.modules = modules;
    this.sandbox = sandbox;
    this.ledger = ledger;
    this.metrics = metrics;
    this.executorId = identity.id();
    this.secrets = secrets;
  }

  /**
   * Takes the task to its end on this thread and returns once its terminal event was sent. The
   * returned stage completes once Kafka acknowledged that event, or at once for a copy of a task
   * this executor finished or runs (which publishes nothing). The worker does not wait for the
   * acknowledgements: the next task can run while they are on their way.
   *
   * @throws CancellationException when the executor stops during the run: no terminal event is
   *     published and the record is left for redelivery
   */
  public CompletionStage<Void> handle(TaskMessage task) {
    TaskLedger.Admission admission = ledger.admit(task);
    return switch (admission.decision()) {
      case DUPLICATE -> {
        metrics.duplicateSkipped();
        LOG.infof("Task %s was finished or is running here: this copy is not run", task.taskId());
        yield CompletableFuture.completedFuture(null);
      }
      case CANCELLED -> finish(task, NOT_STARTED, RunOutcome.cancelled());
      case RUN -> {
        metrics.waited(Duration.between(task.submittedAt(), Instant.now()));
        yield run(task, admission.control());
      }
    };
  }

  private CompletionStage<Void> run(TaskMessage task, RunControl control) {
    boolean finished = false;
    try {
      AgentDirectory.Resolution agent = agents.resolve(task);
      CompletionStage<Void> ended;
      if (agent.refusal() != null) {
        ended = finish(task, NOT_STARTED, agent.refusal());
      } else {
        TaskLedger.Start start = ledger.started(task.taskId(), Instant.now());
        // Not awaited: the terminal event follows it on the same partition and producer, and the
        // record is acknowledged only after that one.
        events.send(TaskEvent.running(task, start.attempt(), executorId, start.at()));
        ended = finish(task, start.attempt(), execute(task, agent, control));
      }
      finished = true;
      return ended;
    } finally {
      if (!finished) {
        ledger.released(task.taskId());
      }
    }
  }

  private CompletionStage<Void> finish(TaskMessage task, int attempt, RunOutcome outcome) {
    long sent = System.nanoTime();
    CompletionStage<Void> acknowledged =
        events
            .send(
                TaskEvent.finished(
                    task, outcome.status(), attempt, executorId, Instant.now(), outcome.result()))
            .thenRun(() -> metrics.terminalEventAcknowledged(System.nanoTime() - sent));
    ledger.finished(task.taskId(), outcome.status());
    metrics.taskEnded(outcome.status());
    LOG.debugf(
        "Task %s ended %s in %d ms",
        task.taskId(), outcome.status(), outcome.result().durationMs());
    return acknowledged;
  }

  private RunOutcome execute(
      TaskMessage task, AgentDirectory.Resolution agent, RunControl control) {
    String hash = agent.binaryHash();
    PreparedModule module;
    try {
      module = modules.get(hash, () -> prepare(binaries.fetch(hash)));
    } catch (BinaryFetchException | ModuleRefusedException e) {
      return RunOutcome.failed(e.getMessage());
    } catch (CancellationException e) {
      throw e;
    } catch (RuntimeException e) {
      LOG.errorf(e, "Could not prepare the binary of task %s", task.taskId());
      return RunOutcome.failed(
          "the executor could not prepare binary sha256/" + hash + "; submit the task again");
    }
    Map<String, String> environment;
    try {
      environment = secrets.environment(task);
    } catch (AgentLookupException e) {
      return RunOutcome.failed(e.getMessage());
    }
    RunOutcome outcome =
        sandbox.run(
            module,
            new RunRequest(
                task.input(),
                argv(agent.agentName(), task),
                environment,
                task.timeoutMs(),
                task.maxMemoryMb(),
                agent.http()),
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

  /** {@code [agentName, ...args]}. */
  private static List<String> argv(String agentName, TaskMessage task) {
    List<String> argv = new ArrayList<>(task.args().size() + 1);
    argv.add(agentName);
    argv.addAll(task.args());
    return argv;
  }
}
