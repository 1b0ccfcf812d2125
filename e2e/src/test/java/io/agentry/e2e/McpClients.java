package io.agentry.e2e;

import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * Official MCP Java SDK clients of the gateway's {@code /api/v1/mcp}, over the SDK's Streamable
 * HTTP transport with a user's API key as the bearer token.
 */
final class McpClients {

  private McpClients() {}

  /** A client's transport that remembers the requests it sent, to name one when cancelling it. */
  static final class Recording implements McpClientTransport {
    private final McpClientTransport transport;
    final List<McpSchema.JSONRPCRequest> sent = new CopyOnWriteArrayList<>();

    Recording(McpClientTransport transport) {
      this.transport = transport;
    }

    /** Sends {@code notifications/cancelled} for the last {@code tools/call} this client sent. */
    void cancelLastToolCall() {
      Object id =
          sent.stream()
              .filter(request -> request.method().equals(McpSchema.METHOD_TOOLS_CALL))
              .reduce((first, second) -> second)
              .orElseThrow()
              .id();
      transport
          .sendMessage(
              new McpSchema.JSONRPCNotification(
                  "notifications/cancelled", Map.of("requestId", id, "reason", "the test")))
          .block(Duration.ofSeconds(10));
    }

    @Override
    public Mono<Void> connect(
        Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler) {
      return transport.connect(handler);
    }

    @Override
    public void setExceptionHandler(Consumer<Throwable> handler) {
      transport.setExceptionHandler(handler);
    }

    @Override
    public Mono<Void> closeGracefully() {
      return transport.closeGracefully();
    }

    @Override
    public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
      if (message instanceof McpSchema.JSONRPCRequest request) {
        sent.add(request);
      }
      return transport.sendMessage(message);
    }

    @Override
    public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
      return transport.unmarshalFrom(data, typeRef);
    }

    @Override
    public List<String> protocolVersions() {
      return transport.protocolVersions();
    }
  }

  /** The SDK's Streamable HTTP transport to the gateway, with {@code apiKey} as bearer token. */
  static Recording transport(String gatewayUrl, String apiKey, boolean listen) {
    return new Recording(
        HttpClientStreamableHttpTransport.builder(gatewayUrl)
            .endpoint("/api/v1/mcp")
            .requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + apiKey))
            .openConnectionOnStartup(listen)
            .build());
  }

  /** An initialized asynchronous client (its calls can be left running). */
  static McpAsyncClient asyncClient(
      McpClientTransport transport, Consumer<McpSchema.ProgressNotification> progress) {
    McpAsyncClient client =
        McpClient.async(transport)
            .requestTimeout(Duration.ofSeconds(90))
            .progressConsumer(
                notification -> Mono.fromRunnable(() -> progress.accept(notification)))
            .build();
    client.initialize().block(Duration.ofSeconds(30));
    return client;
  }

  /** An initialized synchronous client. */
  static McpSyncClient client(
      McpClientTransport transport,
      Consumer<McpSchema.ProgressNotification> progress,
      Consumer<List<McpSchema.Tool>> toolsChanged) {
    McpSyncClient client =
        McpClient.sync(transport)
            .requestTimeout(Duration.ofSeconds(90))
            .progressConsumer(progress)
            .toolsChangeConsumer(toolsChanged)
            .build();
    client.initialize();
    return client;
  }
}
