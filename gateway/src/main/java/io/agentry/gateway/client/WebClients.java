package io.agentry.gateway.client;

import io.agentry.gateway.config.GatewayConfig;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

/** The one HTTP client of the gateway's own calls to the services, with pooled connections. */
@ApplicationScoped
public class WebClients {

  private final WebClient client;

  public WebClients(Vertx vertx, GatewayConfig config) {
    this.client =
        WebClient.create(
            vertx,
            new WebClientOptions()
                .setConnectTimeout((int) config.routes().connectTimeout().toMillis())
                .setMaxPoolSize(64)
                .setKeepAlive(true)
                .setUserAgentEnabled(false));
  }

  public WebClient client() {
    return client;
  }

  @PreDestroy
  void close() {
    client.close();
  }
}
