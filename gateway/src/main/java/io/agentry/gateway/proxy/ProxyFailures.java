package io.agentry.gateway.proxy;

import io.agentry.gateway.problem.Problem;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyResponse;
import java.net.URI;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Watches each proxied exchange: a service that answered closes the route's circuit breaker; one
 * that could not be reached or stayed silent opens it, and the caller gets a 503 problem instead of
 * the proxy's bare 502. Also keeps {@code Location} headers in the public {@code /api/v1} form, and
 * adds to a 405's {@code Allow} the methods of that path that the gateway serves itself.
 */
final class ProxyFailures implements ProxyInterceptor {

  private static final String FAILED = "agentry.origin-failed";

  private final CircuitBreaker breaker;
  private final SocketAddress origin;
  private final Buffer problem;

  ProxyFailures(CircuitBreaker breaker, SocketAddress origin, String problem) {
    this.origin = origin;
    this.breaker = breaker;
    this.problem = Buffer.buffer(problem);
  }

  static boolean isWebSocket(HttpServerRequest request) {
    String upgrade = request.getHeader(HttpHeaders.UPGRADE);
    return upgrade != null && upgrade.equalsIgnoreCase("websocket");
  }

  /**
   * A {@code Location} as clients must see it: a path under {@code /api/v1}, never the service's
   * own address.
   */
  String publicLocation(String location) {
    String path = location;
    if (!location.startsWith("/")) {
      URI uri;
      try {
        uri = URI.create(location);
      } catch (IllegalArgumentException e) {
        return location;
      }
      if (uri.getHost() == null
          || !uri.getHost().equals(origin.host())
          || uri.getPort() != origin.port()) {
        return location;
      }
      path = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }
    return path.startsWith(RouteTable.PUBLIC_BASE + "/") ? path : RouteTable.PUBLIC_BASE + path;
  }

  /** The service's {@code Allow} with {@code more} methods added, in the usual order. */
  static String allow(String allowed, List<String> more) {
    List<String> order = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
    Set<String> methods = new LinkedHashSet<>(more);
    if (allowed != null) {
      for (String method : allowed.split(",")) {
        if (!method.isBlank()) {
          methods.add(method.strip());
        }
      }
    }
    return methods.stream()
        .sorted(Comparator.comparingInt(method -> rank(order, method)))
        .collect(Collectors.joining(", "));
  }

  private static int rank(List<String> order, String method) {
    int index = order.indexOf(method);
    return index < 0 ? order.size() : index;
  }

  @Override
  public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
    return context
        .sendRequest()
        .onSuccess(response -> breaker.onSuccess())
        .onFailure(
            e -> {
              breaker.onFailure();
              context.set(FAILED, Boolean.TRUE);
            });
  }

  @Override
  public Future<Void> handleProxyResponse(ProxyContext context) {
    ProxyResponse response = context.response();
    if (Boolean.TRUE.equals(context.get(FAILED, Boolean.class))) {
      response
          .setStatusCode(503)
          .setStatusMessage("Service Unavailable")
          .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
          .putHeader(HttpHeaders.RETRY_AFTER, "5")
          .setBody(Body.body(problem));
    } else {
      String location = response.headers().get(HttpHeaders.LOCATION);
      if (location != null) {
        response.putHeader(HttpHeaders.LOCATION, publicLocation(location));
      }
      if (response.getStatusCode() == 405) {
        String path = context.request().proxiedRequest().path();
        response.putHeader(
            HttpHeaders.ALLOW,
            allow(response.headers().get(HttpHeaders.ALLOW), RouteTable.methodsServedHere(path)));
      }
    }
    return context.sendResponse();
  }
}
