package io.agentry.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A WebSocket client that records the task events it receives and how the server closed it. */
final class EventSocket implements WebSocket.Listener, AutoCloseable {

  private final LinkedBlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
  private final CompletableFuture<Integer> closed = new CompletableFuture<>();
  private final StringBuilder partial = new StringBuilder();
  private WebSocket socket;

  /** Opens {@code path} of the API (e.g. {@code /events}) with the user's key in the header. */
  static EventSocket open(PublicApi api, String path) {
    EventSocket listener = new EventSocket();
    URI uri = URI.create(api.baseUrl().replaceFirst("^http", "ws") + path);
    listener.socket =
        PublicApi.HTTP
            .newWebSocketBuilder()
            .header("Authorization", "Bearer " + api.apiKey())
            .buildAsync(uri, listener)
            .orTimeout(10, TimeUnit.SECONDS)
            .join();
    return listener;
  }

  @Override
  public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
    partial.append(data);
    if (last) {
      events.add(PublicApi.read(partial.toString()));
      partial.setLength(0);
    }
    webSocket.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
    closed.complete(statusCode);
    return null;
  }

  @Override
  public void onError(WebSocket webSocket, Throwable error) {
    closed.completeExceptionally(error);
  }

  /** The events of one task, in order, until its terminal event or the timeout. */
  List<JsonNode> untilTerminal(String taskId, Duration timeout) throws InterruptedException {
    List<JsonNode> seen = new ArrayList<>();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode event = events.poll(100, TimeUnit.MILLISECONDS);
      if (event != null && event.path("taskId").asText().equals(taskId)) {
        seen.add(event);
        if (PublicApi.TERMINAL.contains(event.path("status").asText())) {
          return seen;
        }
      }
    }
    return seen;
  }

  /** The close code the server sent, waiting up to the timeout. */
  int closeCode(Duration timeout) {
    return closed.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).join();
  }

  @Override
  public void close() {
    if (socket != null && !socket.isOutputClosed()) {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
    }
  }
}
