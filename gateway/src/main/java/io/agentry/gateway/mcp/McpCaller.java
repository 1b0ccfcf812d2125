package io.agentry.gateway.mcp;

import io.agentry.gateway.security.Caller;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpAsyncServerExchange;
import java.util.Map;

/**
 * Carries the authenticated caller of each HTTP request to the MCP handlers. Every request is
 * authenticated on its own (a session never stands in for credentials), so a handler always acts
 * with the token of the request it answers.
 */
final class McpCaller {

  private static final String KEY = "agentry.caller";

  private McpCaller() {}

  static McpTransportContext context(Caller caller) {
    return McpTransportContext.create(Map.of(KEY, caller));
  }

  static Caller of(McpAsyncServerExchange exchange) {
    return (Caller) exchange.transportContext().get(KEY);
  }
}
