package io.agentry.registry.service;

import io.agentry.registry.Agent;
import io.agentry.registry.Caller;
import io.agentry.registry.problem.ForbiddenException;
import io.agentry.registry.problem.NotFoundException;
import io.agentry.registry.repository.AgentRepository;
import io.agentry.registry.storage.BlobStore;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.InputStream;
import java.util.UUID;

/** Reading agents, and the owner-only binary download. */
@ApplicationScoped
public class AgentService {

  private final AgentRepository agents;
  private final BlobStore blobs;

  public AgentService(AgentRepository agents, BlobStore blobs) {
    this.agents = agents;
    this.blobs = blobs;
  }

  public Uni<Agent> get(UUID id) {
    return agents.findById(id).map(found -> found.orElseThrow(() -> NotFoundException.agent(id)));
  }

  /** The agent, if the caller owns it: 404 when it does not exist, 403 when it is not theirs. */
  public Uni<Agent> getOwned(Caller caller, UUID id) {
    return get(id)
        .invoke(
            agent -> {
              if (!agent.isOwnedBy(caller)) {
                throw new ForbiddenException("Only the owner of agent " + id + " may do this.");
              }
            });
  }

  /** Applies a PATCH: owner only. */
  public Uni<Agent> update(Caller caller, UUID id, AgentPatch patch) {
    return getOwned(caller, id)
        .chain(
            agent ->
                agents.update(
                    id,
                    patch.description(),
                    patch.capabilities() == null
                        ? null
                        : patch.capabilities().toArray(String[]::new),
                    patch.price(),
                    patch.status() == null ? null : patch.status().wireName(),
                    patch.statusReason()))
        .map(found -> found.orElseThrow(() -> NotFoundException.agent(id)));
  }

  /** DELETE: the agent becomes disabled; owner only. */
  public Uni<Void> disable(Caller caller, UUID id) {
    return getOwned(caller, id).chain(agent -> agents.disable(id));
  }

  /** Opens the agent's binary; blocking, for a worker thread. */
  public InputStream openBinary(Agent agent) {
    return blobs.open(agent.binaryHash());
  }
}
