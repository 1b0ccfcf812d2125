package io.agentry.results.security;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentry.results.problem.Problem;
import io.agentry.results.problem.ProblemMapper;
import io.agentry.results.problem.ProblemType;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Authenticates WebSocket upgrades to the live-event paths before they reach the endpoints, so that
 * one without valid credentials is refused with a 401 problem+json.
 *
 * <p>Browsers cannot set headers on a WebSocket upgrade, so these paths also take the token as an
 * {@code access_token} query parameter: without an {@code Authorization} header, the parameter
 * becomes {@code Authorization: Bearer <token>}. Nothing else accepts the parameter.
 */
@ApplicationScoped
public class LiveUpgradeAuthentication {

  /** The query parameter that carries the token. */
  public static final String PARAMETER = "access_token";

  private static final Pattern LIVE_PATHS = Pattern.compile("/events|/tasks/[^/]+/events");

  private final String unauthorized;

  public LiveUpgradeAuthentication(ObjectMapper json) throws JsonProcessingException {
    this.unauthorized =
        json.writeValueAsString(
            Problem.of(
                ProblemType.UNAUTHORIZED,
                "A live stream needs a valid token, in 'Authorization: Bearer <token>' or the"
                    + " access_token query parameter.",
                List.of()));
  }

  void install(@Observes Router router) {
    router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(this::check);
  }

  private void check(RoutingContext context) {
    HttpServerRequest request = context.request();
    if (!"websocket".equalsIgnoreCase(request.getHeader(HttpHeaders.UPGRADE))
        || !LIVE_PATHS.matcher(request.path()).matches()) {
      context.next();
      return;
    }
    if (!request.headers().contains(HttpHeaders.AUTHORIZATION)) {
      String token = request.getParam(PARAMETER);
      if (token != null && !token.isBlank()) {
        request.headers().set(HttpHeaders.AUTHORIZATION, "Bearer " + token);
      }
    }
    QuarkusHttpUser.getSecurityIdentity(context, null)
        .subscribe()
        .with(
            identity -> {
              if (isUser(identity)) {
                context.next();
              } else {
                refuse(context);
              }
            },
            failure -> refuse(context));
  }

  private static boolean isUser(SecurityIdentity identity) {
    try {
      Callers.of(identity);
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private void refuse(RoutingContext context) {
    if (!context.response().ended()) {
      context
          .response()
          .setStatusCode(ProblemType.UNAUTHORIZED.status())
          .putHeader(HttpHeaders.CONTENT_TYPE, ProblemMapper.PROBLEM_JSON)
          .putHeader("WWW-Authenticate", "Bearer")
          .end(unauthorized);
    }
  }
}
