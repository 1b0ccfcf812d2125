package io.agentry.gateway.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/** Writes problems from the gateway's Vert.x route handlers, outside the REST layer. */
@ApplicationScoped
public class ProblemWriter {

  private final ObjectMapper json;

  public ProblemWriter(ObjectMapper json) {
    this.json = json;
  }

  /** Ends the exchange with the problem of {@code failure}. */
  public void end(RoutingContext context, GatewayException failure) {
    HttpServerResponse response = context.response();
    if (response.headWritten()) {
      context.request().connection().close();
      return;
    }
    if (failure.type() == ProblemType.UNAUTHORIZED) {
      response.putHeader("WWW-Authenticate", "Bearer");
    }
    failure
        .retryAfterSeconds()
        .ifPresent(
            seconds -> response.putHeader(HttpHeaders.RETRY_AFTER, Integer.toString(seconds)));
    boolean close = "close".equalsIgnoreCase(response.headers().get(HttpHeaders.CONNECTION));
    response
        .setStatusCode(failure.type().status())
        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
        .end(encode(failure.problem()))
        .onComplete(
            done -> {
              if (close) {
                // The client may still be sending a body nobody will read.
                context.request().connection().close();
              }
            });
  }

  /** The JSON text of {@code problem}. */
  public String encode(Problem problem) {
    try {
      return json.writeValueAsString(problem);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a problem is always serializable", e);
    }
  }
}
