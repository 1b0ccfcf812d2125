package io.agentry.gateway.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentry.gateway.CancelRequested;
import io.agentry.gateway.OnContext;
import io.agentry.gateway.problem.FieldError;
import io.agentry.gateway.problem.GatewayException;
import io.agentry.gateway.problem.ProblemType;
import io.agentry.gateway.security.CallerContext;
import io.agentry.gateway.service.Submission;
import io.agentry.gateway.service.TaskCancellation;
import io.agentry.gateway.service.TaskSubmission;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * The gateway's own endpoints: task submission and cancellation (documented with the rest of the
 * API in META-INF/openapi.yaml).
 */
@Path("/api/v1/tasks")
@Produces(MediaType.APPLICATION_JSON)
public class TaskResource {

  private static final int MAX_WAIT_SECONDS = 60;

  private final TaskSubmission submission;
  private final TaskCancellation cancellation;

  public TaskResource(TaskSubmission submission, TaskCancellation cancellation) {
    this.submission = submission;
    this.cancellation = cancellation;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Uni<Response> submit(
      JsonNode body,
      @HeaderParam("Idempotency-Key") String idempotencyKey,
      @QueryParam("wait") String wait,
      RoutingContext context) {
    Duration waitFor = waitSeconds(wait);
    return OnContext.current(
        submission
            .submit(CallerContext.get(context), body, idempotencyKey, waitFor)
            .map(TaskResource::response));
  }

  @DELETE
  @Path("/{id}")
  public Uni<Response> cancel(@PathParam("id") String id, RoutingContext context) {
    UUID taskId = taskId(id);
    return cancellation
        .cancel(CallerContext.get(context), taskId)
        .map(
            task ->
                Response.accepted(new CancelRequested(taskId, task.status().name(), true)).build());
  }

  private static Response response(Submission result) {
    if (result instanceof Submission.Finished finished) {
      return Response.ok(finished.outcome()).build();
    }
    Submission.Accepted accepted = (Submission.Accepted) result;
    // A relative Location, as docs/contract.md gives it (JAX-RS would make it absolute).
    return Response.accepted(accepted.task())
        .header(HttpHeaders.LOCATION, accepted.task().location())
        .build();
  }

  private static Duration waitSeconds(String wait) {
    if (wait == null || wait.isEmpty()) {
      return Duration.ZERO;
    }
    try {
      int seconds = Integer.parseInt(wait);
      if (seconds >= 0 && seconds <= MAX_WAIT_SECONDS) {
        return Duration.ofSeconds(seconds);
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new GatewayException(
        ProblemType.INVALID_TASK,
        "The wait parameter is invalid.",
        List.of(new FieldError("wait", "must be an integer from 0 to " + MAX_WAIT_SECONDS)));
  }

  private static UUID taskId(String id) {
    try {
      if (id.length() == 36) {
        return UUID.fromString(id);
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    throw TaskCancellation.notFound(id);
  }
}
