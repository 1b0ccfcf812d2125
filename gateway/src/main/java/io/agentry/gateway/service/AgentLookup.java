package io.agentry.gateway.service;

import io.agentry.gateway.ExpiringCache;
import io.agentry.gateway.SingleFlight;
import io.agentry.gateway.client.AgentSummary;
import io.agentry.gateway.client.RegistryClient;
import io.agentry.gateway.config.GatewayConfig;
import io.agentry.gateway.problem.GatewayException;
import io.agentry.gateway.problem.ProblemType;
import io.agentry.gateway.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;

/**
 * Resolves the agent of a submission at the registry, with the caller's token, and remembers it
 * briefly: agents are public, and a busy agent is then looked up once every few seconds instead of
 * on every submission, by one request even when many miss together. A status change (e.g. disabled)
 * is seen within that time.
 */
@ApplicationScoped
public class AgentLookup {

  private final RegistryClient registry;
  private final ExpiringCache<UUID, AgentSummary> cache;
  private final SingleFlight<UUID, AgentSummary> lookups = new SingleFlight<>();
  private final ExpiringCache<UUID, Set<String>> secretNames;
  private final SingleFlight<UUID, Set<String>> secretNameLookups = new SingleFlight<>();
  private final Duration ttl;
  private final Clock clock = Clock.systemUTC();

  public AgentLookup(RegistryClient registry, GatewayConfig config) {
    this.registry = registry;
    this.ttl = config.tasks().agentCacheTtl();
    this.cache = new ExpiringCache<>(config.tasks().agentCacheSize(), clock);
    this.secretNames = new ExpiringCache<>(config.tasks().agentCacheSize(), clock);
  }

  /**
   * The names of the agent's secrets, remembered as briefly as the agent: a secret set since is
   * refused by the executor instead (the task ends FAILED without running).
   */
  public Uni<Set<String>> secretNames(UUID agentId) {
    Set<String> known = secretNames.get(agentId);
    if (known != null) {
      return Uni.createFrom().item(known);
    }
    return secretNameLookups.get(
        agentId,
        () ->
            registry
                .secretNames(agentId)
                .invoke(names -> secretNames.put(agentId, names, clock.instant().plus(ttl))));
  }

  /**
   * The agent, which must exist ({@code agent-not-found}) and be active ({@code
   * agent-unavailable}).
   */
  public Uni<AgentSummary> runnable(UUID agentId, Caller caller) {
    AgentSummary known = cache.get(agentId);
    Uni<AgentSummary> agent =
        known != null
            ? Uni.createFrom().item(known)
            : lookups.get(
                agentId,
                () ->
                    registry
                        .agent(agentId, caller.authorization())
                        .map(
                            found ->
                                found.orElseThrow(
                                    () ->
                                        new GatewayException(
                                            ProblemType.AGENT_NOT_FOUND,
                                            "There is no agent " + agentId + ".")))
                        .invoke(found -> cache.put(agentId, found, clock.instant().plus(ttl))));
    return agent.invoke(
        found -> {
          if (!found.isActive()) {
            throw new GatewayException(
                ProblemType.AGENT_UNAVAILABLE,
                "Agent " + agentId + " is " + found.status() + " and takes no new tasks.");
          }
        });
  }
}
