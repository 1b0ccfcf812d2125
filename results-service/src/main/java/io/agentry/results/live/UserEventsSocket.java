package io.agentry.results.live;

import io.agentry.results.security.Callers;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;

/** {@code /events}: every event of every task of the caller, from the moment of connecting. */
@WebSocket(path = "/events")
@Authenticated
public class UserEventsSocket {

  private final LiveConnections connections;
  private final LiveGuard guard;
  private final SecurityIdentity identity;

  public UserEventsSocket(LiveConnections connections, LiveGuard guard, SecurityIdentity identity) {
    this.connections = connections;
    this.guard = guard;
    this.identity = identity;
  }

  @OnOpen
  public Uni<Void> open(WebSocketConnection connection) {
    if (!guard.admit(connection, Callers.credential(identity))) {
      return connection.close(guard.tooMany());
    }
    connections.openUser(connection, Callers.of(identity));
    return Uni.createFrom().voidItem();
  }

  @OnClose
  public void close(WebSocketConnection connection) {
    guard.release(connection);
    connections.close(connection);
  }
}
