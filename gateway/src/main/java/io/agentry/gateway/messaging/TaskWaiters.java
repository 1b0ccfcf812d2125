package io.agentry.gateway.messaging;

import io.agentry.wire.TaskEvent;
import io.agentry.wire.TaskMessage;
import io.agentry.wire.WireCodec;
import io.agentry.wire.WireFormatException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Lets a submission with {@code ?wait=N} wait for its task's terminal event without holding a
 * thread, and an MCP tool call follow its task's events ({@link #watch}). Every gateway instance
 * reads all of {@code task-events} in a consumer group of its own, from the latest offset; a record
 * whose key no request waits for or follows is skipped without being decoded.
 */
@ApplicationScoped
public class TaskWaiters {

  /** The incoming channel that reads {@code task-events}. */
  public static final String CHANNEL = "task-events-in";

  private static final Logger LOG = Logger.getLogger(TaskWaiters.class);

  private final Map<UUID, CompletableFuture<TaskEvent>> waiting = new ConcurrentHashMap<>();

  /** The open watches of each user, and the tasks they follow (see {@link #watch}). */
  private final Map<UUID, Set<Watch>> watchesByUser = new ConcurrentHashMap<>();

  private final Map<UUID, Set<Watch>> watchedTasks = new ConcurrentHashMap<>();

  /**
   * Starts waiting for {@code taskId}; call before the task is published so that no event is
   * missed.
   */
  public Waiter register(UUID taskId) {
    CompletableFuture<TaskEvent> future = new CompletableFuture<>();
    waiting.put(taskId, future);
    return new Waiter(taskId, future);
  }

  /**
   * Starts following every task of {@code userId} that this instance publishes from now on (see
   * {@link #publishing}), until the watch is closed: a caller that learns its task's id only once
   * Kafka took the task still sees every event of it, also those that came first.
   */
  public Watch watch(UUID userId) {
    Watch watch = new Watch(userId);
    watchesByUser.computeIfAbsent(userId, id -> ConcurrentHashMap.newKeySet()).add(watch);
    return watch;
  }

  /** Called before a task is sent to Kafka: the open watches of its user follow it. */
  public void publishing(TaskMessage task) {
    Set<Watch> watches = watchesByUser.get(task.userId());
    if (watches != null) {
      watches.forEach(watch -> watch.follow(task.taskId()));
    }
  }

  @Incoming(CHANNEL)
  void onEvent(ConsumerRecord<String, byte[]> record) {
    if ((waiting.isEmpty() && watchedTasks.isEmpty()) || record.key() == null) {
      return;
    }
    UUID taskId;
    try {
      taskId = UUID.fromString(record.key());
    } catch (IllegalArgumentException e) {
      return;
    }
    CompletableFuture<TaskEvent> future = waiting.get(taskId);
    Set<Watch> watches = watchedTasks.get(taskId);
    if (future == null && watches == null) {
      return;
    }
    try {
      TaskEvent event = WireCodec.decodeEvent(record.value());
      if (future != null && event.status().isTerminal() && waiting.remove(taskId, future)) {
        future.complete(event);
      }
      if (watches != null) {
        watches.forEach(watch -> watch.deliver(event));
      }
    } catch (WireFormatException e) {
      LOG.warnf("Skipping an unreadable task event for %s: %s", taskId, e.getMessage());
    }
  }

  /**
   * Follows the tasks one user publishes through this instance while it is open. Events that arrive
   * before its owner names its task ({@link #events}) are kept, so none is missed; after that only
   * that task's events are delivered. Close it when done.
   */
  public final class Watch implements AutoCloseable {
    private final UUID userId;
    private final Set<UUID> followed = ConcurrentHashMap.newKeySet();
    private final Map<UUID, List<TaskEvent>> early = new HashMap<>();
    private UUID taskId;
    private Consumer<TaskEvent> listener;

    private Watch(UUID userId) {
      this.userId = userId;
    }

    /**
     * Delivers the events of {@code task}, from the first one, to {@code listener}, on the thread
     * that reads Kafka (so the listener must not block); events of other tasks are dropped.
     */
    public synchronized void events(UUID task, Consumer<TaskEvent> eventListener) {
      this.taskId = task;
      this.listener = eventListener;
      List<TaskEvent> before = early.remove(task);
      early.clear();
      for (UUID other : followed) {
        if (!other.equals(task)) {
          unfollow(other);
        }
      }
      if (before != null) {
        before.forEach(eventListener);
      }
    }

    private void follow(UUID task) {
      followed.add(task);
      watchedTasks.computeIfAbsent(task, id -> ConcurrentHashMap.newKeySet()).add(this);
    }

    private synchronized void deliver(TaskEvent event) {
      boolean wanted =
          taskId == null ? followed.contains(event.taskId()) : taskId.equals(event.taskId());
      if (event.status().isTerminal()) {
        unfollow(event.taskId());
      }
      if (!wanted) {
        return;
      }
      if (taskId == null) {
        early.computeIfAbsent(event.taskId(), id -> new ArrayList<>()).add(event);
      } else {
        listener.accept(event);
      }
    }

    private void unfollow(UUID task) {
      followed.remove(task);
      watchedTasks.computeIfPresent(
          task,
          (id, watches) -> {
            watches.remove(this);
            return watches.isEmpty() ? null : watches;
          });
    }

    /** Stops following. */
    @Override
    public void close() {
      watchesByUser.computeIfPresent(
          userId,
          (id, watches) -> {
            watches.remove(this);
            return watches.isEmpty() ? null : watches;
          });
      followed.forEach(this::unfollow);
      synchronized (this) {
        early.clear();
      }
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
