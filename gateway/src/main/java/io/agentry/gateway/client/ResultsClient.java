package io.agentry.gateway.client;

import io.agentry.gateway.config.GatewayConfig;
import io.agentry.gateway.problem.GatewayException;
import io.agentry.gateway.problem.ProblemType;
import io.agentry.wire.TaskStatus;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;

/** The gateway's own calls to results-service: a task's current status. */
@ApplicationScoped
public class ResultsClient {

  private static final String SERVICE = "results service";

  private final WebClient client;
  private final String baseUrl;
  private final long timeoutMillis;

  public ResultsClient(WebClients clients, GatewayConfig config) {
    this.client = clients.client();
    this.baseUrl = config.routes().resultsUrl();
    this.timeoutMillis = config.routes().callTimeout().toMillis();
  }

  /** The caller's task, or empty when it does not exist or belongs to someone else. */
  public Uni<Optional<TaskState>> task(UUID taskId, String authorization) {
    return client
        .getAbs(baseUrl + "/tasks/" + taskId)
        .timeout(timeoutMillis)
        .putHeader("Authorization", authorization)
        .send()
        .onFailure()
        .transform(e -> Downstream.unavailable(SERVICE, e))
        .map(ResultsClient::taskState);
  }

  private static Optional<TaskState> taskState(HttpResponse<Buffer> response) {
    if (response.statusCode() == 404) {
      return Optional.empty();
    }
    if (response.statusCode() == 401) {
      throw new GatewayException(ProblemType.UNAUTHORIZED, "The credentials were not accepted.");
    }
    if (response.statusCode() != 200) {
      throw Downstream.unavailable(SERVICE, null);
    }
    JsonObject body = response.bodyAsJsonObject();
    return Optional.of(
        new TaskState(
            UUID.fromString(body.getString("taskId")),
            UUID.fromString(body.getString("agentId")),
            TaskStatus.valueOf(body.getString("status"))));
  }
}
