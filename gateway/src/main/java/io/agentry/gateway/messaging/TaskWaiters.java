package io.agentry.gateway.messaging;

import io.agentry.wire.TaskEvent;
import io.agentry.wire.WireCodec;
import io.agentry.wire.WireFormatException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Lets a submission with {@code ?wait=N} wait for its task's terminal event without holding a
 * thread. Every gateway instance reads all of {@code task-events} in a consumer group of its own,
 * from the latest offset; a record whose key no request waits for is skipped without being decoded.
 */
@ApplicationScoped
public class TaskWaiters {

  /** The incoming channel that reads {@code task-events}. */
  public static final String CHANNEL = "task-events-in";

  private static final Logger LOG = Logger.getLogger(TaskWaiters.class);

  private final Map<UUID, CompletableFuture<TaskEvent>> waiting = new ConcurrentHashMap<>();

  /**
   * Starts waiting for {@code taskId}; call before the task is published so that no event is
   * missed.
   */
  public Waiter register(UUID taskId) {
    CompletableFuture<TaskEvent> future = new CompletableFuture<>();
    waiting.put(taskId, future);
    return new Waiter(taskId, future);
  }

  @Incoming(CHANNEL)
  void onEvent(ConsumerRecord<String, byte[]> record) {
    if (waiting.isEmpty() || record.key() == null) {
      return;
    }
    UUID taskId;
    try {
      taskId = UUID.fromString(record.key());
    } catch (IllegalArgumentException e) {
      return;
    }
    CompletableFuture<TaskEvent> future = waiting.get(taskId);
    if (future == null) {
      return;
    }
    try {
      TaskEvent event = WireCodec.decodeEvent(record.value());
      if (event.status().isTerminal() && waiting.remove(taskId, future)) {
        future.complete(event);
      }
    } catch (WireFormatException e) {
      LOG.warnf("Skipping an unreadable task event for %s: %s", taskId, e.getMessage());
    }
  }

  /** A registered wait for one task's terminal event. */
  public final class Waiter {
    private final UUID taskId;
    private final CompletableFuture<TaskEvent> future;

    private Waiter(UUID taskId, CompletableFuture<TaskEvent> future) {
      this.taskId = taskId;
      this.future = future;
    }

    /** The terminal event, or null when none arrived within {@code timeout}. */
    public Uni<TaskEvent> await(Duration timeout) {
      return Uni.createFrom()
          .completionStage(future)
          .ifNoItem()
          .after(timeout)
          .recoverWithItem(() -> null)
          .eventually(this::cancel);
    }

    /** Stops waiting. */
    public void cancel() {
      waiting.remove(taskId, future);
    }
  }
}
