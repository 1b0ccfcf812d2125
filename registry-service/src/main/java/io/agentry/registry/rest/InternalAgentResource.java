package io.agentry.registry.rest;

import io.agentry.registry.Agent;
import io.agentry.registry.service.AgentService;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;

/**
 * What an executor needs to run a task of an agent: its name (argv[0]), its status and its current
 * binary. These fields are public to every user already, so the path takes no user credentials; it
 * is never routed by the gateway (which routes only {@code /api/v1} paths), and in production a
 * network policy should admit only the executors.
 */
@Path("/internal/agents")
@Produces(MediaType.APPLICATION_JSON)
public class InternalAgentResource {

  private final AgentService agents;

  public InternalAgentResource(AgentService agents) {
    this.agents = agents;
  }

  @GET
  @Path("/{id}")
  public Uni<AgentReference> get(@PathParam("id") String id) {
    return agents.get(Ids.agentId(id)).map(AgentReference::of);
  }

  /**
   * An agent as an executor sees it.
   *
   * @param status {@code active}, {@code deprecated} or {@code disabled}
   * @param binaryHash the lowercase hex SHA-256 of the agent's binary
   */
  public record AgentReference(UUID id, String name, String status, String binaryHash) {

    static AgentReference of(Agent agent) {
      return new AgentReference(agent.id(), agent.name(), agent.status(), agent.binaryHash());
    }
  }
}
