package io.agentry.results.live;

import io.agentry.results.security.Callers;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;

/**
 * {@code /tasks/{id}/events}: the task's current status, then each change, then a normal close
 * after the terminal event. Only the task's owner receives anything.
 */
@WebSocket(path = "/tasks/{id}/events")
@Authenticated
public class TaskEventsSocket {

  private final LiveConnections connections;
  private final LiveGuard guard;
  private final SecurityIdentity identity;

  public TaskEventsSocket(LiveConnections connections, LiveGuard guard, SecurityIdentity identity) {
    this.connections = connections;
    this.guard = guard;
    this.identity = identity;
  }

  @OnOpen
  public Uni<Void> open(WebSocketConnection connection) {
    if (!guard.admit(connection, Callers.credential(identity))) {
      return connection.close(guard.tooMany());
    }
    return connections.openTask(connection, Callers.of(identity), connection.pathParam("id"));
  }

  @OnClose
  public void close(WebSocketConnection connection) {
    guard.release(connection);
    connections.close(connection);
  }
}
