package io.agentry.registry.rest;

import io.agentry.registry.Agent;
import io.agentry.registry.security.Callers;
import io.agentry.registry.service.AgentService;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import java.time.Duration;

/**
 * The owner-only binary download. Blocking on a worker thread: the bytes stream from S3 straight to
 * the response, never held whole in memory.
 */
@Path("/agents/{id}/binary")
@Authenticated
public class AgentBinaryResource {

  private static final String WASM = "application/wasm";
  private static final Duration LOOKUP_TIMEOUT = Duration.ofSeconds(10);

  private final AgentService agents;
  private final SecurityIdentity identity;

  public AgentBinaryResource(AgentService agents, SecurityIdentity identity) {
    this.agents = agents;
    this.identity = identity;
  }

  @GET
  @Blocking
  public Response download(@PathParam("id") String id, Request request) {
    Agent agent =
        agents.getOwned(Callers.of(identity), Ids.agentId(id)).await().atMost(LOOKUP_TIMEOUT);
    EntityTag tag = new EntityTag(agent.binaryHash());
    Response.ResponseBuilder notModified = request.evaluatePreconditions(tag);
    if (notModified != null) {
      return notModified.build();
    }
    return Response.ok(agents.openBinary(agent), WASM)
        .tag(tag)
        .header(HttpHeaders.CONTENT_LENGTH, agent.binarySize())
        .header(
            "Content-Disposition",
            "attachment; filename=\"" + agent.name() + "-" + agent.version() + ".wasm\"")
        .build();
  }
}
