package io.agentry.gateway.web;

import io.vertx.ext.web.RoutingContext;

/**
 * The headers of everything the gateway serves outside the API ({@code /api/}) and the platform's
 * own endpoints ({@code /q/}): a Content-Security-Policy that allows only the gateway's own scripts
 * and styles (no inline script, no inline style, no framing, no plugins, no {@code <base>}, forms
 * posting only here), no MIME sniffing, and referrers only to the same origin.
 */
final class SecurityHeaders {

  static final String CONTENT_SECURITY_POLICY =
      String.join(
          "; ",
          "default-src 'none'",
          "script-src 'self'",
          "style-src 'self'",
          "img-src 'self' data:",
          "font-src 'self'",
          "connect-src 'self'",
          "form-action 'self'",
          "frame-ancestors 'none'",
          "base-uri 'none'",
          "object-src 'none'");

  private SecurityHeaders() {}

  /** Marks a request that came for the API: a proxied one is rerouted to the service's own path. */
  private static final String API_REQUEST = "agentry.api-request";

  static void add(RoutingContext context) {
    String path = context.normalizedPath();
    if (context.get(API_REQUEST) != null || path.startsWith("/api/") || path.startsWith("/q/")) {
      context.put(API_REQUEST, Boolean.TRUE);
    } else {
      context
          .response()
          .putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
          .putHeader("X-Content-Type-Options", "nosniff")
          .putHeader("Referrer-Policy", "same-origin")
          .putHeader("X-Frame-Options", "DENY")
          .putHeader("Cross-Origin-Opener-Policy", "same-origin");
    }
    context.next();
  }
}
