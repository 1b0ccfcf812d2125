package io.agentry.results.rest;

import io.agentry.results.EarningsReport;
import io.agentry.results.UsageReport;
import io.agentry.results.security.CurrentCaller;
import io.agentry.results.service.UsageService;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** {@code /usage} (the caller's tasks) and {@code /earnings} (the caller's agents). */
@Path("/")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class UsageResource {

  private static final String PERIOD =
      " from (inclusive) and to (exclusive) are ISO-8601 times or dates (a date is its start in"
          + " UTC), by default the current UTC month, at most 366 days apart; tasks count by the"
          + " time they were submitted. groupBy is agent (default) or day (UTC). totals equal the"
          + " sum of the rows.";

  private final UsageService usage;
  private final CurrentCaller caller;

  public UsageResource(UsageService usage, CurrentCaller caller) {
    this.usage = usage;
    this.caller = caller;
  }

  @GET
  @Path("/usage")
  @Operation(
      summary = "What the caller's tasks used and cost",
      description =
          "{from, to, groupBy, rows, totals}; each row has agentId or day, tasks by status, cpuMs,"
              + " wallMs, memoryMibSeconds (peak MiB x wall seconds), httpRequests, httpBytes and"
              + " spend (the prices of the SUCCEEDED tasks: a task is charged only when it"
              + " succeeds, once)."
              + PERIOD)
  @APIResponse(responseCode = "200", description = "The usage")
  @APIResponse(responseCode = "400", description = "invalid-query")
  @APIResponse(responseCode = "401", description = "No valid token")
  public Uni<UsageReport> usage(
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("groupBy") String groupBy) {
    return caller.get().chain(who -> usage.usage(who, from, to, groupBy));
  }

  @GET
  @Path("/earnings")
  @Operation(
      summary = "What the caller's agents earned",
      description =
          "{from, to, groupBy, rows, totals}; each row has agentId or day, paidRuns (SUCCEEDED"
              + " tasks with a price above 0) and revenue (the sum of their prices, as fixed when"
              + " each task was submitted)."
              + PERIOD)
  @APIResponse(responseCode = "200", description = "The earnings")
  @APIResponse(responseCode = "400", description = "invalid-query")
  @APIResponse(responseCode = "401", description = "No valid token")
  public Uni<EarningsReport> earnings(
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("groupBy") String groupBy) {
    return caller.get().chain(who -> usage.earnings(who, from, to, groupBy));
  }
}
