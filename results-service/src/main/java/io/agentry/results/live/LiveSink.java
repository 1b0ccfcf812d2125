package io.agentry.results.live;

import io.smallrye.mutiny.Uni;

/** Where a connection's messages go: the WebSocket, or a stand-in in tests. */
interface LiveSink {

  /** Completes when the text has been written to the connection. */
  Uni<Void> send(String text);

  Uni<Void> close(int code, String reason);
}
