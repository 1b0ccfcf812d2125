package io.agentry.gateway.proxy;

import io.agentry.gateway.config.GatewayConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyOptions;
import java.net.URI;

/**
 * The reverse proxy to one downstream service (Vert.x HTTP proxy): bodies stream both ways,
 * WebSocket upgrades are tunnelled, status codes, headers and bodies pass unchanged. A connection
 * that cannot be opened or an exchange that stays silent too long fails fast, counts against the
 * route's {@link CircuitBreaker} and is answered with a 503 problem ({@link ProxyFailures}).
 */
public final class ServiceProxy {

  private final Service service;
  private final HttpClient client;
  private final HttpProxy proxy;
  private final CircuitBreaker breaker;
  private final SocketAddress origin;
  private final long connectTimeoutMillis;
  private final long idleTimeoutMillis;

  ServiceProxy(Service service, String baseUrl, Vertx vertx, GatewayConfig config, String problem) {
    GatewayConfig.Routes routes = config.routes();
    URI uri = URI.create(baseUrl);
    this.service = service;
    this.origin =
        SocketAddress.inetSocketAddress(uri.getPort() > 0 ? uri.getPort() : 80, uri.getHost());
    this.connectTimeoutMillis = routes.connectTimeout().toMillis();
    this.idleTimeoutMillis = routes.idleTimeout().toMillis();
    this.breaker =
        new CircuitBreaker(
            routes.breakerFailureThreshold(), routes.breakerOpenDuration(), System::nanoTime);
    this.client =
        vertx.createHttpClient(
            new HttpClientOptions()
                .setConnectTimeout((int) connectTimeoutMillis)
                .setKeepAlive(true)
                .setMaxWebSocketMessageSize(16 * 1024 * 1024),
            new PoolOptions().setHttp1MaxSize(256));
    this.proxy =
        HttpProxy.reverseProxy(new ProxyOptions().setSupportWebSocket(true), client)
            .origin(this::openOrigin)
            .addInterceptor(new ProxyFailures(breaker, origin, problem));
  }

  public Service service() {
    return service;
  }

  /** False while the route's circuit breaker is open: answer 503 without calling the service. */
  public boolean allowRequest() {
    return breaker.allowRequest();
  }

  /** Proxies {@code request}, whose URI is already the service's own path and query. */
  public void handle(HttpServerRequest request) {
    proxy.handle(request);
  }

  void close() {
    client.close();
  }

  private Future<HttpClientRequest> openOrigin(ProxyContext context) {
    boolean webSocket = ProxyFailures.isWebSocket(context.request().proxiedRequest());
    RequestOptions options =
        new RequestOptions().setServer(origin).setConnectTimeout(connectTimeoutMillis);
    if (!webSocket) {
      // A tunnelled WebSocket may stay quiet for as long as its task runs.
      options.setIdleTimeout(idleTimeoutMillis);
    }
    return context
        .client()
        .request(options)
        .onFailure(e -> breaker.onFailure())
        .onSuccess(
            request -> {
              if (webSocket) {
                breaker.onSuccess();
              }
            });
  }
}
