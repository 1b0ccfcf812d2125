package io.agentry.registry.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentry.registry.repository.RatingRepository.RatingSummary;
import io.agentry.registry.security.CurrentCaller;
import io.agentry.registry.service.RatingService;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code PUT /agents/{id}/rating}: rate someone else's agent from 1 to 5. */
@Path("/agents/{id}/rating")
@Authenticated
public class AgentRatingResource {

  private final RatingService ratings;
  private final CurrentCaller caller;

  public AgentRatingResource(RatingService ratings, CurrentCaller caller) {
    this.ratings = ratings;
    this.caller = caller;
  }

  @PUT
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Uni<RatingSummary> rate(@PathParam("id") String id, JsonNode body) {
    return Uni.createFrom()
        .item(() -> RatingService.score(body))
        .chain(score -> caller.get().chain(who -> ratings.rate(who, Ids.agentId(id), score)));
  }
}
