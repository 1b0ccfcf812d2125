package io.agentry.executor.service;

import io.agentry.executor.client.AgentLookup;
import io.agentry.executor.client.AgentLookupException;
import io.agentry.executor.client.RegisteredAgent;
import io.agentry.executor.config.ExecutorConfig;
import io.agentry.sandbox.RunOutcome;
import io.agentry.sandbox.http.HttpPermissions;
import io.agentry.wire.TaskMessage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.function.LongSupplier;

/**
 * What a task needs to know about its agent before it runs: the agent's name (its {@code argv[0]})
 * and the binary to run. A task without a binaryHash runs the agent's current binary, which only an
 * active agent offers; a task with one runs it only when that binary is a version of the task's
 * agent (same owner and name) and that version is active: a producer cannot run its own binary
 * under another author's agent, nor a disabled version. Answers are kept by agent id and binary,
 * the status only briefly.
 */
@ApplicationScoped
public class AgentDirectory {

  private final AgentLookup registry;
  private final RecentMap<Key, Answer> answers;
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
    String submitted = task.binaryHash();
    RegisteredAgent agent;
    try {
      Optional<RegisteredAgent> found = lookUp(agentId, submitted);
      if (found.isEmpty()) {
        return Resolution.refused(RunOutcome.rejected("agent " + agentId + " does not exist"));
      }
      agent = found.get();
    } catch (AgentLookupException e) {
      return Resolution.refused(RunOutcome.failed(e.getMessage()));
    }
    if (submitted != null) {
      RegisteredAgent.Version version = agent.binaryVersion();
      if (version == null) {
        return Resolution.refused(
            RunOutcome.rejected(
                "binary sha256/"
                    + submitted
                    + " is not a version of agent "
                    + agentId
                    + "; a task runs only a binary of its own agent"));
      }
      if (!version.isActive()) {
        return Resolution.refused(
            RunOutcome.rejected(
                "agent "
                    + version.id()
                    + ", the version of agent "
                    + agentId
                    + " with this binary, is "
                    + version.status()
                    + " and takes no new tasks"));
      }
      return Resolution.run(agent.name(), submitted, version.permissions(), agentId);
    }
    if (!agent.isActive()) {
      return Resolution.refused(
          RunOutcome.rejected(
              "agent " + agentId + " is " + agent.status() + " and takes no new tasks"));
    }
    return Resolution.run(agent.name(), agent.binaryHash(), agent.permissions(), agentId);
  }

  private Optional<RegisteredAgent> lookUp(UUID agentId, String binaryHash) {
    Key key = new Key(agentId, binaryHash);
    Answer kept = answers.get(key);
    if (kept != null && nanoTime.getAsLong() - kept.atNanos() < statusTtlNanos) {
      return Optional.of(kept.agent());
    }
    Optional<RegisteredAgent> found = registry.find(agentId, binaryHash);
    found.ifPresent(agent -> answers.put(key, new Answer(agent, nanoTime.getAsLong())));
    return found;
  }

  /**
   * A task's agent, resolved.
   *
   * @param agentName the agent's name, for {@code argv[0]}; null when refused
   * @param binaryHash the binary to run; null when refused
   * @param http the origins the binary's version may call; none when refused
   * @param refusal the task's outcome when it cannot run, else null
   */
  public record Resolution(
      String agentName, String binaryHash, HttpPermissions http, RunOutcome refusal) {

    /**
     * A task that runs {@code binaryHash} under the permissions of the version it belongs to; a
     * version whose declared origins this executor cannot read is FAILED rather than run with other
     * permissions than its page shows.
     */
    static Resolution run(
        String agentName,
        String binaryHash,
        RegisteredAgent.Permissions permissions,
        UUID agentId) {
      HttpPermissions http;
      try {
        http = RegisteredAgent.Permissions.toHttp(permissions);
      } catch (IllegalArgumentException e) {
        return refused(
            RunOutcome.failed(
                "agent "
                    + agentId
                    + " declares outbound HTTP origins this executor cannot read: "
                    + e.getMessage()));
      }
      return new Resolution(agentName, binaryHash, http, null);
    }

    static Resolution refused(RunOutcome outcome) {
      return new Resolution(null, null, HttpPermissions.none(), outcome);
    }
  }

  private record Key(UUID agentId, String binaryHash) {}

  private record Answer(RegisteredAgent agent, long atNanos) {}
}
