package io.agentry.results.rest;

import io.agentry.results.Page;
import io.agentry.results.TaskOutcome;
import io.agentry.results.security.CurrentCaller;
import io.agentry.results.service.ResultService;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** {@code /tasks/results}: the caller's results (this literal path wins over /tasks/{id}). */
@Path("/tasks/results")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class ResultListResource {

  private final ResultService results;
  private final CurrentCaller caller;

  public ResultListResource(ResultService results, CurrentCaller caller) {
    this.results = results;
    this.caller = caller;
  }

  @GET
  @Operation(
      summary = "List the caller's results",
      description =
          "Newest first, {items, nextCursor}. status is a terminal status; since (inclusive) and"
              + " until (exclusive) are ISO-8601 times; limit 1-100 (default 20).")
  @APIResponse(responseCode = "200", description = "A page of results")
  @APIResponse(responseCode = "400", description = "invalid-query or invalid-cursor")
  @APIResponse(responseCode = "401", description = "No valid token")
  public Uni<Page<TaskOutcome>> list(
      @QueryParam("agentId") String agentId,
      @QueryParam("status") String status,
      @QueryParam("since") String since,
      @QueryParam("until") String until,
      @QueryParam("limit") String limit,
      @QueryParam("cursor") String cursor) {
    return caller
        .get()
        .chain(who -> results.list(who, agentId, status, since, until, limit, cursor));
  }
}
