package io.agentry.gateway.mcp;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The MCP server at {@code /api/v1/mcp} (prefix {@code agentry.gateway.mcp}). */
@ConfigMapping(prefix = "agentry.gateway.mcp")
public interface McpConfig {

  /**
   * Browser origins allowed to call the endpoint (e.g. {@code https://app.example.com}); a request
   * that carries any other {@code Origin} header is refused with 403, as the MCP transport asks.
   * Clients that are not browsers send no {@code Origin}.
   */
  Optional<List<String>> allowedOrigins();

  /** How long a tool call may outlast its task's time limit before it answers with the status. */
  @WithDefault("15s")
  Duration callMargin();

  /** A session without any request for this long is closed (its client must initialize again). */
  @WithDefault("30m")
  Duration sessionIdleTimeout();

  /** The most sessions one user holds on this instance; a new one closes their least used one. */
  @WithDefault("16")
  int maxSessionsPerUser();

  /** The largest JSON-RPC message accepted (a run's input is at most 1 MiB, as JSON text). */
  @WithDefault("8388608")
  int maxMessageBytes();

  /** How often an open event stream gets a comment line, so proxies do not close it as idle. */
  @WithDefault("15s")
  Duration keepAliveInterval();
}
