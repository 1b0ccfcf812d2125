package io.agentry.gateway.proxy;

import io.vertx.core.http.HttpMethod;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The public route table (paths without the {@code /api/v1} base). Only the paths of CONTRACT.md
 * are routed: internal paths of the services ({@code /auth/token}, {@code /.well-known/*}, {@code
 * /internal/*}, {@code /q/*}) are never reachable from outside.
 */
public final class RouteTable {

  /** The public base path every client uses. */
  public static final String PUBLIC_BASE = "/api/v1";

  /**
   * The public operations' paths (CONTRACT.md, META-INF/openapi.yaml), as metrics label them; a
   * literal segment wins over {id} because it comes first.
   */
  private static final List<String> TEMPLATES =
      List.of(
          "/users/register",
          "/users/login",
          "/users/me",
          "/users/me/api-keys",
          "/users/me/api-keys/{id}",
          "/users/me/toolbox",
          "/users/me/toolbox/{id}",
          "/agents",
          "/agents/search",
          "/agents/{id}",
          "/agents/{id}/versions",
          "/agents/{id}/binary",
          "/agents/{id}/rating",
          "/agents/{id}/stats",
          "/tasks",
          "/tasks/results",
          "/tasks/{id}",
          "/tasks/{id}/results",
          "/tasks/{id}/results/stdout",
          "/tasks/{id}/results/stderr",
          "/tasks/{id}/events",
          "/events",
          "/mcp");

  /** What every other path under the base is labelled: one series, whatever the path. */
  static final String OTHER_PATHS = PUBLIC_BASE + "/*";

  private static final List<Pattern> TEMPLATE_PATTERNS =
      TEMPLATES.stream()
          .map(template -> Pattern.compile(template.replace("{id}", "[^/]+") + "/?"))
          .toList();

  private static final Pattern AGENT_STATS = Pattern.compile("/agents/[^/]+/stats/?");
  private static final Pattern ONE_TASK = Pattern.compile("/tasks/[^/]+/?");
  private static final Pattern ONE_API_KEY = Pattern.compile("/users/me/api-keys/[^/]+/?");

  private RouteTable() {}

  /** Where {@code path} (already stripped of {@link #PUBLIC_BASE}) goes. */
  public static Destination route(HttpMethod method, String path) {
    if (method == HttpMethod.POST
        && (path.equals("/users/register") || path.equals("/users/login"))) {
      return Destination.anonymous(Service.REGISTRY);
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
    if (isUnder(path, "/tasks") || isUnder(path, "/events")) {
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

  /** True for the request that revokes one of the caller's API keys. */
  public static boolean revokesApiKey(HttpMethod method, String path) {
    return method == HttpMethod.DELETE && ONE_API_KEY.matcher(path).matches();
  }

  private static boolean isUnder(String path, String prefix) {
    return path.equals(prefix) || path.startsWith(prefix + "/");
  }
}
