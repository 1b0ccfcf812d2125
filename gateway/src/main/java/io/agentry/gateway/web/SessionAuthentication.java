package io.agentry.gateway.web;

import io.agentry.gateway.problem.GatewayException;
import io.agentry.gateway.problem.ProblemType;
import io.agentry.gateway.security.Authenticator;
import io.agentry.gateway.security.Caller;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * Authenticates an API request that carries the session cookie instead of bearer credentials: the
 * same {@link Caller} the session's login token gives as a bearer token, once the request has shown
 * it comes from the gateway's own pages ({@link SameOrigin}) and, unless it changes nothing,
 * carries the session's CSRF token in {@code X-CSRF-Token}.
 */
@ApplicationScoped
public class SessionAuthentication {

  private final WebSessions sessions;
  private final Authenticator authenticator;

  public SessionAuthentication(WebSessions sessions, Authenticator authenticator) {
    this.sessions = sessions;
    this.authenticator = authenticator;
  }

  /** True when the request carries a session cookie (it may have ended). */
  public boolean applies(HttpServerRequest request) {
    return SessionCookie.isPresent(request);
  }

  /**
   * The caller of the request's session; fails with {@code cross-site-request} (403) for a request
   * from another origin or without the CSRF token, and {@code unauthorized} (401, clearing the
   * cookie) when the session has ended.
   */
  public Uni<Caller> authenticate(RoutingContext context) {
    HttpServerRequest request = context.request();
    String refusal = SameOrigin.refusal(request);
    if (refusal != null) {
      return Uni.createFrom()
          .failure(
              crossSite(
                  refusal + " Requests signed in by the session cookie must come from this site."));
    }
    Optional<SessionSecret> secret = SessionCookie.of(request);
    if (secret.isEmpty()) {
      return Uni.createFrom().failure(ended(context));
    }
    if (!SameOrigin.isSafe(request)
        && !secret.get().isCsrfToken(request.getHeader(SameOrigin.CSRF_HEADER))) {
      return Uni.createFrom()
          .failure(
              crossSite(
                  "This request lacks the session's "
                      + SameOrigin.CSRF_HEADER
                      + " header; send it from Agentry's pages."));
    }
    // The session's token goes through the same checks as a bearer one, so that a user who
    // revoked their sessions (or whose token was refused for any other reason) is signed out here.
    return sessions
        .find(secret.get())
        .map(found -> found.orElseThrow(() -> ended(context)).token())
        .chain(
            token ->
                authenticator
                    .authenticate(token)
                    .onFailure(SessionAuthentication::isUnauthorized)
                    .transform(refused -> ended(context)));
  }

  /** True for the failures after which a public read goes on as an anonymous one. */
  public static boolean isSessionRefusal(Throwable failure) {
    return failure instanceof GatewayException e
        && (e.type() == ProblemType.UNAUTHORIZED || e.type() == ProblemType.CROSS_SITE_REQUEST);
  }

  private static boolean isUnauthorized(Throwable failure) {
    return failure instanceof GatewayException e && e.type() == ProblemType.UNAUTHORIZED;
  }

  private static GatewayException crossSite(String detail) {
    return new GatewayException(ProblemType.CROSS_SITE_REQUEST, detail);
  }

  private static GatewayException ended(RoutingContext context) {
    context
        .response()
        .headers()
        .add(HttpHeaders.SET_COOKIE, SessionCookie.clear(context.request()));
    return new GatewayException(ProblemType.UNAUTHORIZED, "Your session has ended; sign in again.");
  }
}
