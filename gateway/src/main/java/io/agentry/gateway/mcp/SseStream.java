package io.agentry.gateway.mcp;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpStreamableServerTransport;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.time.Duration;
import org.jboss.logging.Logger;
import reactor.core.publisher.Mono;

/**
 * One server-sent-event stream of the Streamable HTTP transport over a Vert.x response: the answer
 * to one JSON-RPC request (its notifications, then its response), or a session's listening stream.
 * Every write happens on the request's own Vert.x context, whichever thread the session sends from.
 */
final class SseStream implements McpStreamableServerTransport {

  private static final Logger LOG = Logger.getLogger(SseStream.class);

  private final HttpServerResponse response;
  private final Context context;
  private final Vertx vertx;
  private final McpJsonMapper json;
  private final long keepAliveTimer;
  private volatile boolean closed;

  SseStream(HttpServerResponse response, Vertx vertx, McpJsonMapper json, Duration keepAlive) {
    this.response = response;
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.json = json;
    response
        .setStatusCode(200)
        .setChunked(true)
        .putHeader(HttpHeaders.CONTENT_TYPE, "text/event-stream")
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
        // Proxies (nginx) must pass each event on at once.
        .putHeader("X-Accel-Buffering", "no");
    response.closeHandler(ignored -> stop());
    this.keepAliveTimer =
        vertx.setPeriodic(keepAlive.toMillis(), id -> onContext(() -> write(": keep-alive\n\n")));
  }

  /** Sends the status and headers now, so that the client knows the stream is open. */
  SseStream open() {
    onContext(
        () -> {
          if (!closed && !response.headWritten()) {
            response.write(": stream\n\n");
          }
        });
    return this;
  }

  boolean isClosed() {
    return closed;
  }

  @Override
  public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
    return sendMessage(message, null);
  }

  @Override
  public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message, String messageId) {
    return Mono.create(
        sink -> {
          String text;
          try {
            text = json.writeValueAsString(message);
          } catch (IOException e) {
            sink.error(e);
            return;
          }
          onContext(
              () -> {
                if (closed) {
                  sink.success();
                  return;
                }
                write("event: message\ndata: " + text + "\n\n");
                sink.success();
              });
        });
  }

  @Override
  public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
    return json.convertValue(data, typeRef);
  }

  @Override
  public Mono<Void> closeGracefully() {
    return Mono.fromRunnable(this::close);
  }

  @Override
  public void close() {
    onContext(
        () -> {
          if (!closed) {
            stop();
            response.end();
          }
        });
  }

  private void write(String text) {
    if (!closed) {
      response
          .write(text)
          .onFailure(e -> LOG.debugf("An MCP event stream broke: %s", e.getMessage()));
    }
  }

  private void stop() {
    closed = true;
    vertx.cancelTimer(keepAliveTimer);
  }

  private void onContext(Runnable action) {
    if (Vertx.currentContext() == context) {
      action.run();
    } else {
      context.runOnContext(ignored -> action.run());
    }
  }
}
