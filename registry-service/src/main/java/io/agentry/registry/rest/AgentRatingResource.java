package io.agentry.registry.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentry.registry.Page;
import io.agentry.registry.Review;
import io.agentry.registry.repository.RatingRepository.RatingSummary;
import io.agentry.registry.security.CurrentCaller;
import io.agentry.registry.service.RatingService;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code PUT /agents/{id}/rating}: rate someone else's agent from 1 to 5, with an optional review;
 * {@code GET /agents/{id}/reviews}: an agent's reviews, newest first, for anyone.
 */
@Path("/agents/{id}")
@Authenticated
public class AgentRatingResource {

  private final RatingService ratings;
  private final CurrentCaller caller;

  public AgentRatingResource(RatingService ratings, CurrentCaller caller) {
    this.ratings = ratings;
    this.caller = caller;
  }

  @PUT
  @Path("/rating")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Uni<RatingSummary> rate(@PathParam("id") String id, JsonNode body) {
    return Uni.createFrom()
        .item(() -> RatingService.rating(body))
        .chain(rating -> caller.get().chain(who -> ratings.rate(who, Ids.agentId(id), rating)));
  }

  @PermitAll
  @GET
  @Path("/reviews")
  @Produces(MediaType.APPLICATION_JSON)
  public Uni<Page<Review>> reviews(
      @PathParam("id") String id,
      @QueryParam("limit") String limit,
      @QueryParam("cursor") String cursor) {
    return Uni.createFrom()
        .item(() -> Ids.agentId(id))
        .chain(agentId -> ratings.reviews(agentId, limit, cursor));
  }
}
