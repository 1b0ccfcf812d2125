package io.agentry.gateway.web;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpServerRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The session cookie: HttpOnly (no script can read it), SameSite=Strict (no other site's page can
 * make the browser send it), {@code Path=/}, and Secure whenever the request came over HTTPS,
 * directly or through a trusted proxy.
 */
public final class SessionCookie {

  /** The cookie's name. */
  public static final String NAME = "agentry_session";

  private SessionCookie() {}

  /** True when the request carries a session cookie, valid or not. */
  public static boolean isPresent(HttpServerRequest request) {
    return request.getCookie(NAME) != null;
  }

  /** The session id the request's cookie carries, if it can be one. */
  static Optional<SessionSecret> of(HttpServerRequest request) {
    Cookie cookie = request.getCookie(NAME);
    return cookie == null ? Optional.empty() : SessionSecret.parse(cookie.getValue());
  }

  /** The {@code Set-Cookie} value that gives the browser {@code secret} until {@code expiresAt}. */
  static String issue(HttpServerRequest request, SessionSecret secret, Instant expiresAt) {
    long seconds = Math.max(0, Duration.between(Instant.now(), expiresAt).toSeconds());
    return cookie(request, secret.cookieValue()).setMaxAge(seconds).encode();
  }

  /** The {@code Set-Cookie} value that makes the browser forget the cookie. */
  static String clear(HttpServerRequest request) {
    return cookie(request, "").setMaxAge(0).encode();
  }

  /** True when the request reached the gateway over HTTPS (or a trusted proxy says it did). */
  static boolean isSecure(HttpServerRequest request) {
    return "https".equalsIgnoreCase(request.scheme());
  }

  private static Cookie cookie(HttpServerRequest request, String value) {
    return Cookie.cookie(NAME, value)
        .setPath("/")
        .setHttpOnly(true)
        .setSameSite(CookieSameSite.STRICT)
        .setSecure(isSecure(request));
  }
}
