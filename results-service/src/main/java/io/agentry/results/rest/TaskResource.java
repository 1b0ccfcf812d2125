package io.agentry.results.rest;

import io.agentry.results.Page;
import io.agentry.results.Task;
import io.agentry.results.security.CurrentCaller;
import io.agentry.results.service.TaskService;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** The caller's tasks (docs/contract.md section 2, "Tasks"). */
@Path("/tasks")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class TaskResource {

  private final TaskService tasks;
  private final CurrentCaller caller;

  public TaskResource(TaskService tasks, CurrentCaller caller) {
    this.tasks = tasks;
    this.caller = caller;
  }

  @GET
  @Operation(
      summary = "List the caller's tasks",
      description =
          "Newest first, {items, nextCursor}; filters combine with AND. limit 1-100 (default 20).")
  @APIResponse(responseCode = "200", description = "A page of tasks")
  @APIResponse(responseCode = "400", description = "invalid-query or invalid-cursor")
  @APIResponse(responseCode = "401", description = "No valid token")
  public Uni<Page<Task>> list(
      @QueryParam("status") String status,
      @QueryParam("agentId") String agentId,
      @QueryParam("limit") String limit,
      @QueryParam("cursor") String cursor) {
    return caller.get().chain(who -> tasks.list(who, status, agentId, limit, cursor));
  }

  @GET
  @Path("/{id}")
  @Operation(
      summary = "One of the caller's tasks",
      description = "Its status, times and how many times an executor started it.")
  @APIResponse(responseCode = "200", description = "The task")
  @APIResponse(responseCode = "401", description = "No valid token")
  @APIResponse(responseCode = "404", description = "task-not-found (also another user's task)")
  public Uni<Task> get(@PathParam("id") String id) {
    return caller.get().chain(who -> tasks.get(who, Ids.taskId(id)));
  }
}
