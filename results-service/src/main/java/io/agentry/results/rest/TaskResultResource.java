package io.agentry.results.rest;

import io.agentry.results.TaskOutcome;
import io.agentry.results.repository.ResultRepository;
import io.agentry.results.security.CurrentCaller;
import io.agentry.results.service.ResultService;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** The result of one of the caller's tasks, and its output's exact bytes. */
@Path("/tasks/{id}/results")
@Authenticated
public class TaskResultResource {

  private final ResultService results;
  private final CurrentCaller caller;

  public TaskResultResource(ResultService results, CurrentCaller caller) {
    this.results = results;
    this.caller = caller;
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "The result of an ended task",
      description = "stdout and stderr as text (invalid UTF-8 replaced).")
  @APIResponse(responseCode = "200", description = "The result")
  @APIResponse(responseCode = "401", description = "No valid token")
  @APIResponse(
      responseCode = "404",
      description = "task-not-found, or result-not-ready while the task has not ended")
  public Uni<TaskOutcome> get(@PathParam("id") String id) {
    return caller.get().chain(who -> results.get(who, Ids.taskId(id)));
  }

  @GET
  @Path("/stdout")
  @Produces(MediaType.APPLICATION_OCTET_STREAM)
  @Operation(summary = "The exact bytes the task wrote to stdout")
  @APIResponse(responseCode = "200", description = "The bytes (application/octet-stream)")
  @APIResponse(responseCode = "401", description = "No valid token")
  @APIResponse(responseCode = "404", description = "task-not-found or result-not-ready")
  public Uni<byte[]> stdout(@PathParam("id") String id) {
    return caller
        .get()
        .chain(who -> results.output(who, Ids.taskId(id), ResultRepository.Stream.STDOUT));
  }

  @GET
  @Path("/stderr")
  @Produces(MediaType.APPLICATION_OCTET_STREAM)
  @Operation(summary = "The exact bytes the task wrote to stderr")
  @APIResponse(responseCode = "200", description = "The bytes (application/octet-stream)")
  @APIResponse(responseCode = "401", description = "No valid token")
  @APIResponse(responseCode = "404", description = "task-not-found or result-not-ready")
  public Uni<byte[]> stderr(@PathParam("id") String id) {
    return caller
        .get()
        .chain(who -> results.output(who, Ids.taskId(id), ResultRepository.Stream.STDERR));
  }
}
