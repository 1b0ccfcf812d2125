package io.agentry.results.live;

import io.agentry.results.security.Callers;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;

/** {@code /events}: every event of every task of the caller, from the moment of connecting. */
@WebSocket(path = "/events")
@Authenticated
public class UserEventsSocket {

  private final LiveConnections connections;
  private final SecurityIdentity identity;

  public UserEventsSocket(LiveConnections connections, SecurityIdentity identity) {
    this.connections = connections;
    this.identity = identity;
  }

  @OnOpen
  public void open(WebSocketConnection connection) {
    connections.openUser(connection, Callers.of(identity));
  }

  @OnClose
  public void close(WebSocketConnection connection) {
    connections.close(connection);
  }
}
