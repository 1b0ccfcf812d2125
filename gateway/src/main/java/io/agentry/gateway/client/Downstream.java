package io.agentry.gateway.client;

import io.agentry.gateway.problem.GatewayException;
import io.agentry.gateway.problem.ProblemType;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import java.time.Duration;

/**
 * One service behind the gateway, as the gateway's own calls reach it: its base URL, the call
 * timeout, and failures turned into what the caller sees ({@code service-unavailable}).
 */
final class Downstream {

  /** Seconds a caller is asked to wait after a service did not answer. */
  static final int RETRY_AFTER_SECONDS = 5;

  private final WebClient client;
  private final String name;
  private final String baseUrl;
  private final long timeoutMillis;

  Downstream(WebClient client, String name, String baseUrl, Duration timeout) {
    this.client = client;
    this.name = name;
    this.baseUrl = baseUrl;
    this.timeoutMillis = timeout.toMillis();
  }

  /** Sends a request without a body; a connection failure or timeout is {@code unavailable}. */
  Uni<HttpResponse<Buffer>> send(HttpMethod method, String path, String authorization) {
    var request = client.requestAbs(method, baseUrl + path).timeout(timeoutMillis);
    if (authorization != null) {
      request.putHeader("Authorization", authorization);
    }
    return request.send().onFailure().transform(this::unavailable);
  }

  /** The service did not answer in time, refused the connection or answered an error of its own. */
  GatewayException unavailable(Throwable cause) {
    if (cause instanceof GatewayException known) {
      return known;
    }
    return GatewayException.retryLater(
        ProblemType.SERVICE_UNAVAILABLE,
        "The " + name + " is not answering; try again shortly.",
        RETRY_AFTER_SECONDS,
        cause);
  }
}
