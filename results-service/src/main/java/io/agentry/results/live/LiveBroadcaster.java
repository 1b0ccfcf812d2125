package io.agentry.results.live;

import io.agentry.wire.TaskEvent;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Hands each task event of this instance's live consumer to the connections of the task's owner,
 * and nobody else's. Subscribers are keyed by connection id.
 *
 * <p>It also keeps the furthest event of the most recent tasks: the live consumer may see an event
 * before the database holds it, so a task stream opened in between replays it from here instead of
 * missing it (and, for a terminal event, never closing).
 */
@ApplicationScoped
public class LiveBroadcaster {

  /** How many tasks' latest events are kept for streams that open late. */
  static final int RECENT_TASKS = 10_000;

  private final Map<UUID, Map<String, LiveSubscriber>> byUser = new ConcurrentHashMap<>();
  private final Map<String, UUID> owners = new ConcurrentHashMap<>();
  private final Map<UUID, TaskEvent> recent =
      new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<UUID, TaskEvent> eldest) {
          return size() > RECENT_TASKS;
        }
      };
  private final LiveEncoder encoder;

  public LiveBroadcaster(LiveEncoder encoder) {
    this.encoder = encoder;
  }

  void subscribe(UUID userId, String connectionId, LiveSubscriber subscriber) {
    owners.put(connectionId, userId);
    byUser.computeIfAbsent(userId, id -> new ConcurrentHashMap<>()).put(connectionId, subscriber);
  }

  void unsubscribe(String connectionId) {
    UUID userId = owners.remove(connectionId);
    if (userId == null) {
      return;
    }
    byUser.computeIfPresent(
        userId,
        (id, subscribers) -> {
          subscribers.remove(connectionId);
          return subscribers.isEmpty() ? null : subscribers;
        });
  }

  /** The furthest event seen lately of the user's task, if any. */
  Optional<LiveMessage> recent(UUID taskId, UUID userId) {
    TaskEvent event;
    synchronized (recent) {
      event = recent.get(taskId);
    }
    return event == null || !userId.equals(event.userId())
        ? Optional.empty()
        : Optional.of(encoder.encode(LiveEvent.of(event)));
  }

  /** Offers the event, encoded once, to every connection of its owner. */
  public void publish(TaskEvent event) {
    if (event.userId() == null) {
      return;
    }
    synchronized (recent) {
      TaskEvent kept = recent.get(event.taskId());
      if (kept == null || event.status().rank() > kept.status().rank()) {
        recent.put(event.taskId(), event);
      }
    }
    Map<String, LiveSubscriber> subscribers = byUser.get(event.userId());
    if (subscribers == null || subscribers.isEmpty()) {
      return;
    }
    LiveMessage message = encoder.encode(LiveEvent.of(event));
    subscribers.values().forEach(subscriber -> subscriber.offer(message));
  }

  /** How many connections are subscribed in all. */
  public int connections() {
    return owners.size();
  }

  /** How many connections of the user are subscribed. */
  public int connections(UUID userId) {
    Map<String, LiveSubscriber> subscribers = byUser.get(userId);
    return subscribers == null ? 0 : subscribers.size();
  }
}
