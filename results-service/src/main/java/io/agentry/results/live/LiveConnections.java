package io.agentry.results.live;

import io.agentry.results.Caller;
import io.agentry.results.config.ResultsConfig;
import io.agentry.results.repository.TaskRepository;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.jboss.logging.Logger;

/** Opens and closes the live streams of WebSocket connections. */
@ApplicationScoped
public class LiveConnections {

  /** The close sent when the server cannot serve the stream. */
  static final int INTERNAL_ERROR = 1011;

  private static final Logger LOG = Logger.getLogger(LiveConnections.class);

  private final LiveBroadcaster broadcaster;
  private final TaskRepository tasks;
  private final LiveEncoder encoder;
  private final int bufferSize;

  public LiveConnections(
      LiveBroadcaster broadcaster,
      TaskRepository tasks,
      LiveEncoder encoder,
      ResultsConfig config) {
    this.broadcaster = broadcaster;
    this.tasks = tasks;
    this.encoder = encoder;
    this.bufferSize = config.live().bufferSize();
  }

  /**
   * Subscribes first, then replays the task's latest event seen lately, then reads the recorded
   * status, so that no event falls between the live consumer and the database. A task that is not
   * the caller's looks like one not seen yet: nothing is sent.
   */
  public Uni<Void> openTask(WebSocketConnection connection, Caller caller, String rawTaskId) {
    UUID taskId = parse(rawTaskId);
    if (taskId == null) {
      return connection.close(
          new CloseReason(LiveOutbox.POLICY_VIOLATION, "not a task id: " + rawTaskId));
    }
    TaskStream stream = new TaskStream(taskId, outbox(connection), bufferSize);
    broadcaster.subscribe(caller.id(), connection.id(), stream);
    broadcaster.recent(taskId, caller.id()).ifPresent(stream::offer);
    return tasks
        .snapshot(taskId, caller.id())
        .invoke(
            found ->
                stream.start(found.map(s -> encoder.encode(LiveEvent.of(s.task(), s.error())))))
        .replaceWithVoid()
        .onFailure()
        .call(
            failure -> {
              LOG.warnf("Could not read task %s for a live stream: %s", taskId, failure);
              return connection.close(new CloseReason(INTERNAL_ERROR, "try again later"));
            })
        .onFailure()
        .recoverWithNull();
  }

  /** Every event of the caller's tasks from now on. */
  public void openUser(WebSocketConnection connection, Caller caller) {
    broadcaster.subscribe(caller.id(), connection.id(), new UserStream(outbox(connection)));
  }

  public void close(WebSocketConnection connection) {
    broadcaster.unsubscribe(connection.id());
  }

  private LiveOutbox outbox(WebSocketConnection connection) {
    return new LiveOutbox(new ConnectionSink(connection), bufferSize);
  }

  private static UUID parse(String raw) {
    try {
      UUID id = UUID.fromString(raw);
      return id.toString().equalsIgnoreCase(raw) ? id : null;
    } catch (IllegalArgumentException | NullPointerException e) {
      return null;
    }
  }
}
