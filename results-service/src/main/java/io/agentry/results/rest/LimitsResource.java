package io.agentry.results.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentry.results.SpendingLimits;
import io.agentry.results.security.CurrentCaller;
import io.agentry.results.service.LimitsService;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** {@code /users/me/limits}: the caller's monthly spending caps. */
@Path("/users/me/limits")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class LimitsResource {

  private static final String VIEW =
      " {monthlySpend, monthlyTasks, month: {spent, inFlight, tasks, since, resetsAt}}; null: no"
          + " cap. Months are UTC calendar months; a task counts in the month it was submitted.";

  private final LimitsService limits;
  private final CurrentCaller caller;

  public LimitsResource(LimitsService limits, CurrentCaller caller) {
    this.limits = limits;
    this.caller = caller;
  }

  @GET
  @Operation(summary = "The caller's monthly caps and the month so far", description = VIEW)
  @APIResponse(responseCode = "200", description = "The caps")
  @APIResponse(responseCode = "401", description = "No valid token")
  public Uni<SpendingLimits> get() {
    return caller.get().chain(who -> limits.get(who.id()));
  }

  @PUT
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Set the caller's monthly caps",
      description =
          "Body {monthlySpend?, monthlyTasks?} replaces both caps (an absent or null field: no"
              + " cap). A task is refused with 402 spend-cap-reached when the month's spent and"
              + " in-flight amounts plus its price would pass monthlySpend, or when the month"
              + " already has monthlyTasks tasks. Answers the new caps."
              + VIEW)
  @APIResponse(responseCode = "200", description = "The new caps")
  @APIResponse(responseCode = "400", description = "invalid-request")
  @APIResponse(responseCode = "401", description = "No valid token")
  public Uni<SpendingLimits> put(JsonNode body) {
    return caller.get().chain(who -> limits.put(who.id(), body));
  }
}
