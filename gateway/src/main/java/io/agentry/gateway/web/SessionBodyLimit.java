package io.agentry.gateway.web;

import io.agentry.gateway.problem.GatewayException;
import io.agentry.gateway.problem.ProblemType;
import io.agentry.gateway.problem.ProblemWriter;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Sign-in and sign-up bodies are a username and a password: anything declared larger than {@link
 * #MAX_BYTES}, or sent without a length, is refused with 413 before it is read, so nobody can make
 * the gateway hold the platform's 51 MiB body limit in memory for them.
 */
@ApplicationScoped
public class SessionBodyLimit {

  static final int MAX_BYTES = 16 * 1024;

  private final ProblemWriter problems;

  public SessionBodyLimit(ProblemWriter problems) {
    this.problems = problems;
  }

  void install(@Observes Router router) {
    int order = RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 2;
    router.post("/session").order(order).handler(this::check);
    router.post("/session/*").order(order).handler(this::check);
  }

  private void check(RoutingContext context) {
    String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
    boolean small;
    try {
      small = length != null && Long.parseLong(length.trim()) <= MAX_BYTES;
    } catch (NumberFormatException e) {
      small = false;
    }
    if (small) {
      context.next();
      return;
    }
    context.response().putHeader(HttpHeaders.CONNECTION, "close");
    problems.end(
        context,
        new GatewayException(
            ProblemType.REQUEST_TOO_LARGE,
            "A sign-in or sign-up body must declare its length, at most " + MAX_BYTES + " bytes."));
  }
}
