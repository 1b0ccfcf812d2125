package io.agentry.results.live;

import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;

/** A {@link LiveSink} over a WebSockets Next connection: one text message per event. */
final class ConnectionSink implements LiveSink {

  private final WebSocketConnection connection;

  ConnectionSink(WebSocketConnection connection) {
    this.connection = connection;
  }

  @Override
  public Uni<Void> send(String text) {
    return connection.sendText(text);
  }

  @Override
  public Uni<Void> close(int code, String reason) {
    return connection.isClosed()
        ? Uni.createFrom().voidItem()
        : connection.close(new CloseReason(code, reason));
  }
}
