package io.agentry.gateway.client;

import io.agentry.gateway.problem.GatewayException;
import io.agentry.gateway.problem.ProblemType;

/** Failures of the gateway's own calls to the services, as the caller sees them. */
final class Downstream {

  /** Seconds a caller is asked to wait after a service did not answer. */
  static final int RETRY_AFTER_SECONDS = 5;

  private Downstream() {}

  /** The service did not answer in time, refused the connection or answered an error of its own. */
  static GatewayException unavailable(String service, Throwable cause) {
    if (cause instanceof GatewayException known) {
      return known;
    }
    return GatewayException.retryLater(
        ProblemType.SERVICE_UNAVAILABLE,
        "The " + service + " is not answering; try again shortly.",
        RETRY_AFTER_SECONDS,
        cause);
  }
}
