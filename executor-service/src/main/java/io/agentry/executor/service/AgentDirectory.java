package io.agentry.executor.service;

import io.agentry.executor.client.AgentLookup;
import io.agentry.executor.client.AgentLookupException;
import io.agentry.executor.client.RegisteredAgent;
import io.agentry.executor.config.ExecutorConfig;
import io.agentry.sandbox.RunOutcome;
import io.agentry.wire.TaskMessage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.function.LongSupplier;

/**
 * What a task needs to know about its agent before it runs: the agent's name (its {@code argv[0]})
 * and, for a task without a binaryHash, the agent's current binary, which only an active agent
 * offers. Answers are kept by agent id: the name for as long as it fits (an id's name never
 * changes), the status and binary only briefly.
 */
@ApplicationScoped
public class AgentDirectory {

  private final AgentLookup registry;
  private final RecentMap<UUID, Answer> answers;
  private final long statusTtlNanos;
  private final LongSupplier nanoTime;

  @Inject
  public AgentDirectory(AgentLookup registry, ExecutorConfig config) {
    this(
        registry,
        config.registry().cache().maxEntries(),
        config.registry().cache().statusTtl(),
        System::nanoTime);
  }

  AgentDirectory(AgentLookup registry, int maxEntries, Duration statusTtl, LongSupplier nanoTime) {
    this.registry = registry;
    this.answers = new RecentMap<>(maxEntries, null, nanoTime);
    this.statusTtlNanos = statusTtl.toNanos();
    this.nanoTime = nanoTime;
  }

  /**
   * How the task's agent resolves: its name and the binary to run, or the outcome of a task that
   * cannot run (unknown agent, a task without a binaryHash of an agent that is not active, or a
   * registry that could not be asked).
   *
   * @throws java.util.concurrent.CancellationException when the executor stops meanwhile
   */
  public Resolution resolve(TaskMessage task) {
    UUID agentId = task.agentId();
    boolean needsBinary = task.binaryHash() == null;
    RegisteredAgent agent;
    try {
      Optional<RegisteredAgent> found = lookUp(agentId, needsBinary);
      if (found.isEmpty()) {
        return Resolution.refused(RunOutcome.rejected("agent " + agentId + " does not exist"));
      }
      agent = found.get();
    } catch (AgentLookupException e) {
      return Resolution.refused(RunOutcome.failed(e.getMessage()));
    }
    if (!needsBinary) {
      return Resolution.run(agent.name(), task.binaryHash());
    }
    if (!agent.isActive()) {
      return Resolution.refused(
          RunOutcome.rejected(
              "agent " + agentId + " is " + agent.status() + " and takes no new tasks"));
    }
    return Resolution.run(agent.name(), agent.binaryHash());
  }

  private Optional<RegisteredAgent> lookUp(UUID agentId, boolean needsFreshStatus) {
    Answer kept = answers.get(agentId);
    if (kept != null
        && (!needsFreshStatus || nanoTime.getAsLong() - kept.atNanos() < statusTtlNanos)) {
      return Optional.of(kept.agent());
    }
    Optional<RegisteredAgent> found = registry.find(agentId);
    found.ifPresent(agent -> answers.put(agentId, new Answer(agent, nanoTime.getAsLong())));
    return found;
  }

  /**
   * A task's agent, resolved.
   *
   * @param agentName the agent's name, for {@code argv[0]}; null when refused
   * @param binaryHash the binary to run; null when refused
   * @param refusal the task's outcome when it cannot run, else null
   */
  public record Resolution(String agentName, String binaryHash, RunOutcome refusal) {

    static Resolution run(String agentName, String binaryHash) {
      return new Resolution(agentName, binaryHash, null);
    }

    static Resolution refused(RunOutcome outcome) {
      return new Resolution(null, null, outcome);
    }
  }

  private record Answer(RegisteredAgent agent, long atNanos) {}
}
