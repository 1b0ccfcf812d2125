package io.agentry.gateway.proxy;

import io.vertx.core.http.HttpMethod;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The public route table (paths without the {@code /api/v1} base). Only the paths of
 * docs/contract.md are routed: internal paths of the services ({@code /auth/token}, {@code
 * /.well-known/*}, {@code /internal/*}, {@code /q/*}) are never reachable from outside.
 */
public final class RouteTable {

  /** The public base path every client uses. */
  public static final String PUBLIC_BASE = "/api/v1";

  /**
   * The public operations' paths (docs/contract.md, META-INF/openapi.yaml), as metrics label them;
   * a literal segment wins over {id} because it comes first.
   */
  private static final List<String> TEMPLATES =
      List.of(
          "/users/register",
          "/users/login",
          "/users/me",
          "/users/me/api-keys",
          "/users/me/api-keys/{id}",
          "/users/me/sessions/revoke",
          "/users/me/limits",
          "/users/me/toolbox",
          "/users/me/toolbox/{id}",
          "/agents",
          "/agents/search",
          "/agents/{id}",
          "/agents/{id}/versions",
          "/agents/{id}/binary",
          "/agents/{id}/rating",
          "/agents/{id}/reviews",
          "/agents/{id}/secrets",
          "/agents/{id}/secrets/{name}",
          "/agents/{id}/stats",
          "/tasks",
          "/tasks/results",
          "/tasks/{id}",
          "/tasks/{id}/results",
          "/tasks/{id}/results/stdout",
          "/tasks/{id}/results/stderr",
          "/tasks/{id}/events",
          "/events",
          "/usage",
          "/earnings",
          "/mcp");

  /** What every other path under the base is labelled: one series, whatever the path. */
  static final String OTHER_PATHS = PUBLIC_BASE + "/*";

  private static final List<Pattern> TEMPLATE_PATTERNS =
      TEMPLATES.stream()
          .map(template -> Pattern.compile(template.replaceAll("\\{[a-z]+\\}", "[^/]+") + "/?"))
          .toList();

  private static final Pattern AGENT_STATS = Pattern.compile("/agents/[^/]+/stats/?");
  private static final Pattern ONE_TASK = Pattern.compile("/tasks/[^/]+/?");
  private static final Pattern ONE_API_KEY = Pattern.compile("/users/me/api-keys/[^/]+/?");
  private static final Pattern LIMITS = Pattern.compile("/users/me/limits/?");
  private static final Pattern SESSIONS_REVOKE = Pattern.compile("/users/me/sessions/revoke/?");

  private RouteTable() {}

  /** Where {@code path} (already stripped of {@link #PUBLIC_BASE}) goes. */
  public static Destination route(HttpMethod method, String path) {
    if (method == HttpMethod.POST
        && (path.equals("/users/register") || path.equals("/users/login"))) {
      return Destination.anonymous(Service.REGISTRY);
    }
    if (LIMITS.matcher(path).matches()) {
      return Destination.proxied(Service.RESULTS);
    }
    if (isUnder(path, "/users")) {
      return Destination.proxied(Service.REGISTRY);
    }
    if (AGENT_STATS.matcher(path).matches()) {
      return Destination.proxied(Service.RESULTS);
    }
    if (isUnder(path, "/agents")) {
      return Destination.proxied(Service.REGISTRY);
    }
    if (method == HttpMethod.POST && (path.equals("/tasks") || path.equals("/tasks/"))) {
      return Destination.GATEWAY;
    }
    if (method == HttpMethod.DELETE && ONE_TASK.matcher(path).matches()) {
      return Destination.GATEWAY;
    }
    if (path.equals("/mcp")) {
      return Destination.GATEWAY;
    }
    if (isUnder(path, "/tasks")
        || isUnder(path, "/events")
        || isUnder(path, "/usage")
        || isUnder(path, "/earnings")) {
      return Destination.proxied(Service.RESULTS);
    }
    return Destination.NOWHERE;
  }

  /**
   * The route template of {@code path} (stripped of {@link #PUBLIC_BASE}), with the base: ids never
   * appear in it, and the number of templates is fixed whatever paths clients send.
   */
  public static String template(String path) {
    for (int i = 0; i < TEMPLATES.size(); i++) {
      if (TEMPLATE_PATTERNS.get(i).matcher(path).matches()) {
        return PUBLIC_BASE + TEMPLATES.get(i);
      }
    }
    return OTHER_PATHS;
  }

  /**
   * The methods of {@code path} that the gateway serves itself although the path belongs to a
   * service (whose {@code Allow} does not know them): POST on {@code /tasks}, DELETE on one task.
   */
  public static List<String> methodsServedHere(String path) {
    if (path.equals("/tasks") || path.equals("/tasks/")) {
      return List.of("POST");
    }
    if (ONE_TASK.matcher(path).matches()) {
      return List.of("DELETE");
    }
    return List.of();
  }

  /**
   * Where a client probably meant to go when it sent {@code method} to {@code path} outside {@link
   * #PUBLIC_BASE}: the same path under it, without an {@code /api} or version prefix of its own,
   * when the public API serves that path; else null.
   */
  public static String suggestion(HttpMethod method, String path) {
    String rest = path.replaceFirst("^(/api)?(/v\\d+)?(?=/|$)", "");
    if (rest.isEmpty() || rest.length() > 200 || route(method, rest).isNowhere()) {
      return null;
    }
    return PUBLIC_BASE + rest;
  }

  /** True for a path the gateway answers outside the public API: health, metrics, OpenAPI. */
  public static boolean isOperational(String path) {
    return path.equals("/q") || path.startsWith("/q/");
  }

  /** True for the request that revokes one of the caller's API keys. */
  public static boolean revokesApiKey(HttpMethod method, String path) {
    return method == HttpMethod.DELETE && ONE_API_KEY.matcher(path).matches();
  }

  /** True for {@code POST /users/me/sessions/revoke} (the path with /api/v1 stripped). */
  public static boolean revokesSessions(HttpMethod method, String path) {
    return method == HttpMethod.POST && SESSIONS_REVOKE.matcher(path).matches();
  }

  private static boolean isUnder(String path, String prefix) {
    return path.equals(prefix) || path.startsWith(prefix + "/");
  }
}
