package io.agentry.gateway.mcp;

import io.agentry.gateway.problem.GatewayException;
import io.agentry.gateway.proxy.RouteTable;
import io.agentry.gateway.security.Caller;
import io.agentry.gateway.security.CallerContext;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Tells a user's MCP sessions on this instance that their tools changed ({@code
 * notifications/tools/list_changed}) when a {@code PUT} or {@code DELETE} of their toolbox passes
 * through this gateway and the registry accepts it. Changes made through another replica are not
 * announced here; {@code tools/list} always answers from the registry's current toolbox.
 */
@ApplicationScoped
public class ToolboxChanges {

  static final String LIST_CHANGED = "notifications/tools/list_changed";

  private final McpHttpTransport transport;

  public ToolboxChanges(McpHttpTransport transport) {
    this.transport = transport;
  }

  void install(@Observes Router router) {
    // Before the front door, which reroutes the request to the registry's path.
    router
        .route(RouteTable.PUBLIC_BASE + "/users/me/toolbox/*")
        .order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 4)
        .handler(this::watch);
  }

  private void watch(RoutingContext context) {
    HttpMethod method = context.request().method();
    if (method == HttpMethod.PUT || method == HttpMethod.DELETE) {
      context.addEndHandler(
          ended -> {
            int status = context.response().getStatusCode();
            if (ended.succeeded() && (status == 201 || status == 204)) {
              changed(context);
            }
          });
    }
    context.next();
  }

  private void changed(RoutingContext context) {
    Caller caller;
    try {
      caller = CallerContext.get(context);
    } catch (GatewayException e) {
      return;
    }
    transport.notifyUser(caller.userId(), LIST_CHANGED);
  }
}
