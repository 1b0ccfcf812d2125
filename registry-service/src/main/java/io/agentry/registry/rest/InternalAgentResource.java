package io.agentry.registry.rest;

import io.agentry.registry.Agent;
import io.agentry.registry.AgentPermissions;
import io.agentry.registry.problem.InvalidInputException;
import io.agentry.registry.problem.ProblemType;
import io.agentry.registry.repository.BinaryVersionRepository;
import io.agentry.registry.repository.BinaryVersionRepository.BinaryVersion;
import io.agentry.registry.service.AgentService;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * What an executor needs to run a task of an agent: its name (argv[0]), its status, its current
 * binary and its permissions, and, for a task that names a binary, which version of the agent holds
 * that binary with that version's permissions (a task runs only a binary of its own agent, whose
 * version takes tasks, under the permissions of the version the binary belongs to). These fields
 * are public to every user already, so the path takes no user credentials; it is never routed by
 * the gateway (which routes only {@code /api/v1} paths), and in production a network policy should
 * admit only the executors.
 */
@Path("/internal/agents")
@Produces(MediaType.APPLICATION_JSON)
public class InternalAgentResource {

  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  private final AgentService agents;
  private final BinaryVersionRepository versions;

  public InternalAgentResource(AgentService agents, BinaryVersionRepository versions) {
    this.agents = agents;
    this.versions = versions;
  }

  /**
   * @param binaryHash optional: a binary's lowercase hex SHA-256; the answer then says which
   *     version of the agent holds it ({@code binaryVersion}, null when none does)
   */
  @GET
  @Path("/{id}")
  public Uni<AgentReference> get(
      @PathParam("id") String id, @QueryParam("binaryHash") String binaryHash) {
    if (binaryHash != null && !SHA256.matcher(binaryHash).matches()) {
      throw new InvalidInputException(
          ProblemType.INVALID_QUERY,
          "binaryHash must be 64 lowercase hexadecimal characters (a SHA-256).");
    }
    return agents
        .get(Ids.agentId(id))
        .chain(
            agent ->
                binaryHash == null
                    ? Uni.createFrom().item(AgentReference.of(agent, null))
                    : versions
                        .find(agent.ownerId(), agent.name(), binaryHash, agent.id())
                        .map(version -> AgentReference.of(agent, version)));
  }

  /**
   * An agent as an executor sees it.
   *
   * @param status {@code active}, {@code deprecated} or {@code disabled}
   * @param binaryHash the lowercase hex SHA-256 of the agent's binary
   * @param permissions what the agent's own binary may do when it runs
   * @param binaryVersion the version (same owner and name) holding the asked binary, or null
   */
  public record AgentReference(
      UUID id,
      String name,
      String status,
      String binaryHash,
      AgentPermissions permissions,
      BinaryVersion binaryVersion) {

    static AgentReference of(Agent agent, BinaryVersion version) {
      return new AgentReference(
          agent.id(),
          agent.name(),
          agent.status(),
          agent.binaryHash(),
          agent.permissions(),
          version);
    }
  }
}
