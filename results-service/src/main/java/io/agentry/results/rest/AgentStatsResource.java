package io.agentry.results.rest;

import io.agentry.results.AgentStats;
import io.agentry.results.problem.NotFoundException;
import io.agentry.results.repository.StatsRepository;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * {@code /agents/{id}/stats}, for anyone: a public read of the marketplace, with or without a
 * token. This service does not know which agents exist: an agent without results has zero counts
 * and null figures.
 */
@Path("/agents/{id}/stats")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class AgentStatsResource {

  private final StatsRepository stats;

  public AgentStatsResource(StatsRepository stats) {
    this.stats = stats;
  }

  @GET
  @Operation(
      summary = "Run statistics of an agent",
      description =
          "Exact counts by outcome over the results kept, success rate (null before the first"
              + " completed run), average, p50 and p95 duration and the last run.")
  @APIResponse(responseCode = "200", description = "The statistics")
  @APIResponse(responseCode = "404", description = "agent-not-found: the id is not a UUID")
  public Uni<AgentStats> get(@PathParam("id") String id) {
    return Uni.createFrom().item(() -> agentId(id)).chain(stats::forAgent);
  }

  private static UUID agentId(String raw) {
    try {
      UUID id = UUID.fromString(raw);
      if (id.toString().equalsIgnoreCase(raw)) {
        return id;
      }
    } catch (IllegalArgumentException e) {
      // fall through
    }
    throw NotFoundException.agent(raw);
  }
}
