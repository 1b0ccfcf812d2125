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
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
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
  private static final Pattern TASK_PATH = Pattern.compile("/tasks/([^/]+)/events");

  private final String unauthorized;
  private final String notATask;

  public LiveUpgradeAuthentication(ObjectMapper json) throws JsonProcessingException {
    this.unauthorized =
        json.writeValueAsString(
            Problem.of(
                ProblemType.UNAUTHORIZED,
                "A live stream needs a valid token, in 'Authorization: Bearer <token>' or the"
                    + " access_token query parameter.",
                List.of()));
    this.notATask =
        json.writeValueAsString(
            Problem.of(
                ProblemType.TASK_NOT_FOUND,
                "A task stream needs a task id (a UUID); this path names no task.",
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
              if (!isUser(identity)) {
                refuse(context);
              } else if (!namesATask(request.path())) {
                end(context, ProblemType.TASK_NOT_FOUND.status(), notATask);
              } else {
                context.next();
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

  /**
   * False for a task stream whose id is not a UUID: it names no task, so the upgrade is refused
   * with a 404 like every other path of a task, instead of opening a stream only to close it.
   */
  private static boolean namesATask(String path) {
    Matcher task = TASK_PATH.matcher(path);
    if (!task.matches()) {
      return true;
    }
    try {
      String raw = URLDecoder.decode(task.group(1), StandardCharsets.UTF_8);
      return UUID.fromString(raw).toString().equalsIgnoreCase(raw);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private void refuse(RoutingContext context) {
    if (!context.response().ended()) {
      context.response().putHeader("WWW-Authenticate", "Bearer");
      end(context, ProblemType.UNAUTHORIZED.status(), unauthorized);
    }
  }

  private static void end(RoutingContext context, int status, String problem) {
    if (!context.response().ended()) {
      context
          .response()
          .setStatusCode(status)
          .putHeader(HttpHeaders.CONTENT_TYPE, ProblemMapper.PROBLEM_JSON)
          .end(problem);
    }
  }
}
