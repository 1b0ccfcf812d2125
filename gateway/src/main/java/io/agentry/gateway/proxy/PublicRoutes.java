package io.agentry.gateway.proxy;

import io.agentry.gateway.OnContext;
import io.agentry.gateway.config.GatewayConfig;
import io.agentry.gateway.problem.GatewayException;
import io.agentry.gateway.problem.ProblemType;
import io.agentry.gateway.problem.ProblemWriter;
import io.agentry.gateway.security.AddressRateLimiter;
import io.agentry.gateway.security.AuthFailures;
import io.agentry.gateway.security.Authenticator;
import io.agentry.gateway.security.Caller;
import io.agentry.gateway.security.CallerContext;
import io.agentry.gateway.security.RateLimiter;
import io.agentry.gateway.security.SessionChecks;
import io.agentry.gateway.web.SessionAuthentication;
import io.agentry.gateway.web.WebPages;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The front door of every {@code /api/v1} request: size limits, the route table, authentication
 * (bearer credentials, or the web pages' session cookie) and rate limiting (per user, or per
 * address for the public reads anyone may make without credentials), then either the gateway's own
 * endpoints or the proxy to the owning service (with the base path and any {@code access_token}
 * removed, the caller's registry token as the only credentials and the client's address as the only
 * {@code X-Forwarded-For}).
 */
@ApplicationScoped
public class PublicRoutes {

  private static final String TARGET = "agentry.proxy-target";

  /**
   * Where Quarkus' HTTP metrics (and tracing) read a request's route template, as its REST layer
   * sets it; without it proxied requests would be labelled with their raw paths.
   */
  private static final String URL_PATH_TEMPLATE = "UrlPathTemplate";

  private final Authenticator authenticator;
  private final SessionAuthentication sessions;
  private final SessionChecks sessionChecks;
  private final RateLimiter rateLimiter;
  private final AddressRateLimiter addressRateLimiter;
  private final AuthFailures authFailures;
  private final ServiceProxies proxies;
  private final ProblemWriter problems;
  private final long maxBodySize;
  private final long maxTaskBodySize;

  public PublicRoutes(
      Authenticator authenticator,
      SessionAuthentication sessions,
      SessionChecks sessionChecks,
      RateLimiter rateLimiter,
      AddressRateLimiter addressRateLimiter,
      AuthFailures authFailures,
      ServiceProxies proxies,
      ProblemWriter problems,
      GatewayConfig config,
      @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize) {
    this.authenticator = authenticator;
    this.sessions = sessions;
    this.sessionChecks = sessionChecks;
    this.rateLimiter = rateLimiter;
    this.addressRateLimiter = addressRateLimiter;
    this.authFailures = authFailures;
    this.proxies = proxies;
    this.problems = problems;
    this.maxBodySize = maxBodySize.asLongValue();
    this.maxTaskBodySize = config.tasks().maxBodySize().asLongValue();
  }

  void install(@Observes Router router) {
    int order = RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1;
    router.route(RouteTable.PUBLIC_BASE + "/*").order(order).handler(this::admit);
    router.route().order(order).handler(this::forward);
  }

  private void admit(RoutingContext context) {
    HttpServerRequest request = context.request();
    String path = context.normalizedPath().substring(RouteTable.PUBLIC_BASE.length());
    Vertx.currentContext().putLocal(URL_PATH_TEMPLATE, RouteTable.template(path));
    Destination destination = RouteTable.route(request.method(), path);
    if (destination.isNowhere()) {
      problems.end(
          context, new GatewayException(ProblemType.NOT_FOUND, "Nothing is served at this path."));
      return;
    }
    GatewayException tooLarge = checkSize(request, destination, path);
    if (tooLarge != null) {
      request.response().putHeader(HttpHeaders.CONNECTION, "close");
      problems.end(context, tooLarge);
      return;
    }
    if (!destination.needsCaller()) {
      request.headers().remove(HttpHeaders.AUTHORIZATION);
      proxy(context, destination.service(), path, null);
      return;
    }
    boolean publicRead =
        PublicReads.matches(request.method(), path)
            && request.getHeader(HttpHeaders.AUTHORIZATION) == null;
    String credentials = Credentials.of(request);
    boolean bySession = credentials == null && sessions.applies(request);
    if (publicRead && !bySession) {
      readAnonymously(context, destination, path);
      return;
    }
    String address = request.remoteAddress() == null ? null : request.remoteAddress().host();
    try {
      authFailures.checkAllowed(address);
    } catch (GatewayException e) {
      problems.end(context, e);
      return;
    }
    request.pause();
    Uni<Caller> caller =
        bySession ? sessions.authenticate(context) : authenticator.authenticate(credentials);
    if (publicRead) {
      // A browser whose session ended (or a page elsewhere) still reads what anyone may read.
      caller = caller.onFailure(SessionAuthentication::isSessionRefusal).recoverWithNull();
    }
    OnContext.current(caller)
        .subscribe()
        .with(
            known -> {
              if (known == null) {
                readAnonymously(context, destination, path);
              } else {
                admitted(context, destination, path, known);
              }
            },
            failure -> {
              // Missing credentials cost nothing; invalid ones a lookup or a signature check.
              if (credentials != null
                  && failure instanceof GatewayException known
                  && known.type() == ProblemType.UNAUTHORIZED) {
                authFailures.failed(address);
              }
              fail(context, failure);
            });
  }

  /** A public read without credentials: limited per client address, proxied without a caller. */
  private void readAnonymously(RoutingContext context, Destination destination, String path) {
    try {
      HttpServerRequest request = context.request();
      addressRateLimiter.acquire(
          request.remoteAddress() == null ? null : request.remoteAddress().host());
    } catch (GatewayException e) {
      fail(context, e);
      return;
    }
    proxy(context, destination.service(), path, null);
  }

  private void admitted(
      RoutingContext context, Destination destination, String path, Caller caller) {
    try {
      rateLimiter.acquire(caller.userId());
    } catch (GatewayException e) {
      fail(context, e);
      return;
    }
    CallerContext.set(context, caller);
    if (RouteTable.revokesApiKey(context.request().method(), path)) {
      // Forgotten before the registry revokes the key and again once it answered, so that no
      // exchange racing with the revocation leaves the key usable here.
      authenticator.forgetApiKeysOf(caller.userId());
      context.addEndHandler(ended -> authenticator.forgetApiKeysOf(caller.userId()));
    }
    if (RouteTable.revokesSessions(context.request().method(), path)) {
      sessionChecks.forget(caller.userId());
      context.addEndHandler(ended -> sessionChecks.forget(caller.userId()));
    }
    if (destination.servedHere()) {
      context.next();
    } else {
      proxy(context, destination.service(), path, caller);
    }
  }

  private void proxy(RoutingContext context, Service service, String path, Caller caller) {
    ServiceProxy proxy = proxies.get(service);
    if (!proxy.allowRequest()) {
      fail(
          context,
          GatewayException.retryLater(
              ProblemType.SERVICE_UNAVAILABLE,
              ServiceProxies.unavailable(service).detail(),
              5,
              null));
      return;
    }
    HttpServerRequest request = context.request();
    if (request.version() == HttpVersion.HTTP_2
        && !request.isEnded()
        && request.getHeader(HttpHeaders.CONTENT_LENGTH) == null) {
      // An HTTP/2 body of unknown length goes to the HTTP/1.1 service in chunks.
      request.headers().set(HttpHeaders.TRANSFER_ENCODING, "chunked");
    }
    if (caller != null) {
      request.headers().set(HttpHeaders.AUTHORIZATION, caller.authorization());
    }
    // The session cookie is a credential: like bearer credentials, it never reaches a service.
    request.headers().remove(HttpHeaders.COOKIE);
    ForwardedHeaders.replace(request.headers(), request.remoteAddress());
    context.put(TARGET, proxy);
    String query = Credentials.queryWithoutToken(request.query());
    context.reroute(query == null ? path : path + "?" + query);
  }

  private void forward(RoutingContext context) {
    ServiceProxy proxy = context.get(TARGET);
    if (proxy == null) {
      String path = context.normalizedPath();
      if (isUnder(path, RouteTable.PUBLIC_BASE)
          || RouteTable.isOperational(path)
          || WebPages.serves(path)) {
        context.next();
      } else {
        String suggestion = RouteTable.suggestion(context.request().method(), path);
        problems.end(
            context,
            new GatewayException(
                ProblemType.NOT_FOUND,
                "The API lives under "
                    + RouteTable.PUBLIC_BASE
                    + (suggestion == null ? "." : ": did you mean " + suggestion + "?")));
      }
      return;
    }
    context.remove(TARGET);
    proxy.handle(context.request());
  }

  private static boolean isUnder(String path, String base) {
    return path.equals(base) || path.startsWith(base + "/");
  }

  private GatewayException checkSize(
      HttpServerRequest request, Destination destination, String path) {
    String header = request.getHeader(HttpHeaders.CONTENT_LENGTH);
    if (header == null) {
      return null;
    }
    long length;
    try {
      length = Long.parseLong(header.trim());
    } catch (NumberFormatException e) {
      return new GatewayException(ProblemType.BAD_REQUEST, "The Content-Length is not a number.");
    }
    if (destination.servedHere() && length > maxTaskBodySize) {
      return new GatewayException(
          ProblemType.INPUT_TOO_LARGE,
          "The task body exceeds the limit of " + maxTaskBodySize + " bytes.");
    }
    if (length > maxBodySize) {
      ProblemType type =
          path.replaceAll("/+$", "").equals("/agents")
              ? ProblemType.BINARY_TOO_LARGE
              : ProblemType.REQUEST_TOO_LARGE;
      return new GatewayException(
          type, "The request body exceeds the limit of " + maxBodySize + " bytes.");
    }
    return null;
  }

  private void fail(RoutingContext context, Throwable failure) {
    context.request().resume();
    GatewayException problem =
        failure instanceof GatewayException known
            ? known
            : GatewayException.retryLater(
                ProblemType.SERVICE_UNAVAILABLE,
                "Authentication is not available right now; try again shortly.",
                5,
                failure);
    problems.end(context, problem);
  }
}
