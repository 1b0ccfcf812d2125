package io.agentry.gateway.web;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;

/**
 * Whether a request that the browser's session cookie would authenticate comes from the gateway's
 * own pages. Browsers say where a request comes from in {@code Origin} and {@code Sec-Fetch-Site},
 * which no page can forge; a request from another origin (another site, or another port of the same
 * host, which SameSite does not separate) is refused.
 */
final class SameOrigin {

  static final String CSRF_HEADER = "X-CSRF-Token";

  private SameOrigin() {}

  /**
   * Why the request cannot use the session, or null when it may: its {@code Origin} is another
   * origin, its {@code Sec-Fetch-Site} is not {@code same-origin}, or (for a WebSocket upgrade) it
   * names no origin at all.
   */
  static String refusal(HttpServerRequest request) {
    String site = request.getHeader("Sec-Fetch-Site");
    if (site != null && !site.equals("same-origin") && !(site.equals("none") && isSafe(request))) {
      return "This request came from another site (Sec-Fetch-Site: " + site + ").";
    }
    String origin = request.getHeader("Origin");
    if (origin == null) {
      return isWebSocket(request) ? "A WebSocket upgrade must name its origin." : null;
    }
    if (!origin.equalsIgnoreCase(own(request))) {
      return "This request came from another origin.";
    }
    return null;
  }

  /** True for methods that change nothing, which need no CSRF token. */
  static boolean isSafe(HttpServerRequest request) {
    HttpMethod method = request.method();
    return method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS;
  }

  /** The gateway's origin as the browser sees it: the scheme and the {@code Host} it asked for. */
  static String own(HttpServerRequest request) {
    HostAndPort authority = request.authority();
    return authority == null ? null : request.scheme() + "://" + authority;
  }

  private static boolean isWebSocket(HttpServerRequest request) {
    String upgrade = request.getHeader("Upgrade");
    return upgrade != null && upgrade.equalsIgnoreCase("websocket");
  }
}
