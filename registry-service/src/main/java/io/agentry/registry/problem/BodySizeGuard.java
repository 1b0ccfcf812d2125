package io.agentry.registry.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses a request whose declared Content-Length is over {@code quarkus.http.limits.max-body-size}
 * with a problem+json 413, before a byte of its body is read. (Quarkus' own check, which runs just
 * after this one, answers with an empty body.) Bodies without a Content-Length are cut off while
 * they are read, by the multipart parser, and reach {@link ProblemMapper}.
 */
@ApplicationScoped
public class BodySizeGuard {

  private final long maxBodySize;
  private final ObjectMapper json;

  public BodySizeGuard(
      @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize,
      ObjectMapper json) {
    this.maxBodySize = maxBodySize.asLongValue();
    this.json = json;
  }

  void install(@Observes Router router) {
    router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(this::check);
  }

  private void check(RoutingContext context) {
    String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
    if (length == null || !isOver(length)) {
      context.next();
      return;
    }
    ProblemType type =
        context.request().path().replaceAll("/+$", "").endsWith("/agents")
            ? ProblemType.BINARY_TOO_LARGE
            : ProblemType.REQUEST_TOO_LARGE;
    Problem problem =
        Problem.of(
            type, "The request body exceeds the limit of " + maxBodySize + " bytes.", List.of());
    context
        .response()
        .setStatusCode(type.status())
        .putHeader(HttpHeaders.CONTENT_TYPE, ProblemMapper.PROBLEM_JSON)
        .putHeader(HttpHeaders.CONNECTION, "close")
        .end(encode(problem))
        .onComplete(done -> RefusedBody.discardThenClose(context, maxBodySize));
  }

  private boolean isOver(String length) {
    try {
      return Long.parseLong(length.trim()) > maxBodySize;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private String encode(Problem problem) {
    try {
      return json.writeValueAsString(problem);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a problem is always serializable", e);
    }
  }
}
