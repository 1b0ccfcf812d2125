package io.agentry.results.rest;

import io.agentry.results.SpendingLimits;
import io.agentry.results.service.LimitsService;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * A user's caps and month, for the gateway's check at submission. It takes no credentials, so that
 * every path that queues tasks can ask; like every {@code /internal} path it is never routed by the
 * gateway. {@code month} is null when the user set no cap (nothing else is read then).
 */
@Path("/internal/users/{userId}/limits")
@Produces(MediaType.APPLICATION_JSON)
public class InternalLimitsResource {

  private final LimitsService limits;

  public InternalLimitsResource(LimitsService limits) {
    this.limits = limits;
  }

  @GET
  @Operation(hidden = true)
  public Uni<SpendingLimits> get(@PathParam("userId") String userId) {
    return Uni.createFrom().item(() -> Ids.user(userId)).chain(limits::forCheck);
  }
}
