package io.agentry.registry.service;

import io.agentry.registry.config.RegistryConfig;
import io.agentry.registry.repository.TrustRepository;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Keeps each agent's trust figures current: every {@code agentry.registry.trust.refresh-every} it
 * recounts the agents whose runs the {@code task-events} consumer counted since, batch after batch,
 * so reads (one agent, lists, search, sort=popular) take the figures from the agent's row instead
 * of scanning its runs. A failed round is logged and the next one picks the same agents up.
 */
@ApplicationScoped
public class TrustRollup {

  private static final Logger LOG = Logger.getLogger(TrustRollup.class);

  private final TrustRepository trust;
  private final RegistryConfig.Trust config;

  public TrustRollup(TrustRepository trust, RegistryConfig config) {
    this.trust = trust;
    this.config = config.trust();
  }

  @Scheduled(
      every = "${agentry.registry.trust.refresh-every:15s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> scheduled() {
    return refresh()
        .onFailure()
        .invoke(failure -> LOG.warnf("Could not refresh trust figures: %s", failure.getMessage()))
        .onFailure()
        .recoverWithNull()
        .replaceWithVoid();
  }

  /** Recounts every agent that needs it now; returns how many were recounted. */
  public Uni<Integer> refresh() {
    return trust
        .refresh(config.batchSize(), config.windowRefresh())
        .chain(
            done ->
                done < config.batchSize()
                    ? Uni.createFrom().item(done)
                    : refresh().map(more -> done + more));
  }
}
