package io.agentry.gateway.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpNotificationHandler;
import io.modelcontextprotocol.server.McpRequestHandler;
import io.modelcontextprotocol.spec.DefaultMcpStreamableServerSessionFactory;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpStreamableServerSession;
import io.modelcontextprotocol.spec.ProtocolVersions;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * What this MCP server speaks: the protocol revisions it negotiates, its capabilities (tools, whose
 * list changes), and the handlers of its methods, assembled into the SDK's session factory.
 *
 * <p>The SDK's {@code McpAsyncServer} keeps one tool list for the whole server; here every user has
 * tools of their own (their toolbox), and two users' tools may share a name. So the server is made
 * from the SDK's session layer with handlers of our own for {@code tools/list} and {@code
 * tools/call}, which look at the caller of each request.
 */
@ApplicationScoped
public class McpProtocol {

  /** The endpoint's path under the public base. */
  public static final String ENDPOINT = "/mcp";

  /** Newest first: the first is the one offered to a client that asks for another. */
  static final List<String> VERSIONS =
      List.of(
          ProtocolVersions.MCP_2025_11_25,
          ProtocolVersions.MCP_2025_06_18,
          ProtocolVersions.MCP_2025_03_26,
          ProtocolVersions.MCP_2024_11_05);

  private static final String INSTRUCTIONS =
      "Agentry runs sandboxed WebAssembly agents from its marketplace. search_agents finds agents;"
          + " run_agent runs one by reference (owner/name, owner/name@version or id) with text"
          + " input and arguments; the other tools are the agents in your toolbox.";

  private final McpJsonMapper json;
  private final McpStreamableServerSession.Factory sessionFactory;

  public McpProtocol(McpTools tools, ObjectMapper objectMapper) {
    this.json = new JacksonMcpJsonMapper(objectMapper.copy());
    McpSchema.ServerCapabilities capabilities =
        McpSchema.ServerCapabilities.builder().tools(true).build();
    McpSchema.Implementation server = new McpSchema.Implementation("agentry", "1.0.0");
    McpRequestHandler<Object> ping = (exchange, params) -> Mono.just(Map.of());
    McpRequestHandler<McpSchema.ListToolsResult> list =
        (exchange, params) -> tools.list(McpCaller.of(exchange));
    McpRequestHandler<McpSchema.CallToolResult> call =
        (exchange, params) ->
            tools.call(
                exchange, json.convertValue(params, new TypeRef<McpSchema.CallToolRequest>() {}));
    Map<String, McpRequestHandler<?>> requests =
        Map.of(
            McpSchema.METHOD_PING, ping,
            McpSchema.METHOD_TOOLS_LIST, list,
            McpSchema.METHOD_TOOLS_CALL, call);
    McpNotificationHandler ignore = (exchange, params) -> Mono.empty();
    Map<String, McpNotificationHandler> notifications =
        Map.of(
            McpSchema.METHOD_NOTIFICATION_INITIALIZED,
            ignore,
            // Handled by the transport, which stops the request it names.
            "notifications/cancelled",
            ignore);
    this.sessionFactory =
        new DefaultMcpStreamableServerSessionFactory(
            // How long a server-to-client request may wait; this server sends none.
            Duration.ofSeconds(30),
            request ->
                Mono.just(
                    new McpSchema.InitializeResult(
                        negotiate(request.protocolVersion()), capabilities, server, INSTRUCTIONS)),
            requests,
            notifications);
  }

  /** The client's revision when this server speaks it, else the newest this server speaks. */
  static String negotiate(String requested) {
    return VERSIONS.contains(requested) ? requested : VERSIONS.get(0);
  }

  McpJsonMapper json() {
    return json;
  }

  List<String> versions() {
    return VERSIONS;
  }

  McpStreamableServerSession.Factory sessionFactory() {
    return sessionFactory;
  }
}
