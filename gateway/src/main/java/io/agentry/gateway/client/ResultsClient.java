package io.agentry.gateway.client;

import io.agentry.gateway.config.GatewayConfig;
import io.agentry.gateway.problem.GatewayException;
import io.agentry.gateway.problem.ProblemType;
import io.agentry.wire.TaskStatus;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** The gateway's own calls to results-service: a task's current status, a user's caps. */
@ApplicationScoped
public class ResultsClient {

  private final Downstream service;

  public ResultsClient(WebClients clients, GatewayConfig config) {
    this.service =
        new Downstream(
            clients.client(),
            "results service",
            config.routes().resultsUrl(),
            config.routes().callTimeout());
  }

  /** The caller's task, or empty when it does not exist or belongs to someone else. */
  public Uni<Optional<TaskState>> task(UUID taskId, String authorization) {
    return service.send(HttpMethod.GET, "/tasks/" + taskId, authorization).map(this::taskState);
  }

  /**
   * The user's spending caps and month ({@code /internal/users/{id}/limits}, no credentials: every
   * path that queues tasks can ask).
   */
  public Uni<SpendingCaps> spendingCaps(UUID userId) {
    return service
        .send(HttpMethod.GET, "/internal/users/" + userId + "/limits", null)
        .map(this::spendingCaps);
  }

  private SpendingCaps spendingCaps(HttpResponse<Buffer> response) {
    if (response.statusCode() != 200) {
      throw service.unavailable(null);
    }
    JsonObject body = response.bodyAsJsonObject();
    JsonObject month = body.getJsonObject("month");
    return new SpendingCaps(
        decimal(body.getValue("monthlySpend")),
        body.getInteger("monthlyTasks"),
        month == null
            ? null
            : new SpendingCaps.Month(
                decimal(month.getValue("spent")),
                decimal(month.getValue("inFlight")),
                month.getLong("tasks"),
                Instant.parse(month.getString("resetsAt"))));
  }

  private static BigDecimal decimal(Object number) {
    return number == null ? null : new BigDecimal(number.toString());
  }

  private Optional<TaskState> taskState(HttpResponse<Buffer> response) {
    if (response.statusCode() == 404) {
      return Optional.empty();
    }
    if (response.statusCode() == 401) {
      throw new GatewayException(ProblemType.UNAUTHORIZED, "The credentials were not accepted.");
    }
    if (response.statusCode() != 200) {
      throw service.unavailable(null);
    }
    JsonObject body = response.bodyAsJsonObject();
    return Optional.of(
        new TaskState(
            UUID.fromString(body.getString("taskId")),
            UUID.fromString(body.getString("agentId")),
            TaskStatus.valueOf(body.getString("status"))));
  }
}
