package io.agentry.results.live;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The messages of one task's stream: its recorded status first, then each event that moves it
 * forward (duplicates and late events are dropped), and a normal close after the terminal one.
 * Events that arrive before the recorded status has been read wait, within the buffer's bound.
 */
final class TaskStream implements LiveSubscriber {

  private final UUID taskId;
  private final LiveOutbox outbox;
  private final int capacity;
  private final List<LiveMessage> early = new ArrayList<>();
  private boolean started;
  private int rank = -1;
  private boolean ended;

  TaskStream(UUID taskId, LiveOutbox outbox, int capacity) {
    this.taskId = taskId;
    this.outbox = outbox;
    this.capacity = capacity;
  }

  @Override
  public synchronized void offer(LiveMessage message) {
    if (ended || !taskId.equals(message.event().taskId())) {
      return;
    }
    if (started) {
      forward(message);
    } else if (early.size() < capacity) {
      early.add(message);
    } else {
      ended = true;
      outbox.overflow();
    }
  }

  /** Sends the recorded status (absent when the task has not been seen yet), then what waited. */
  synchronized void start(Optional<LiveMessage> recorded) {
    started = true;
    recorded.ifPresent(this::forward);
    early.forEach(this::forward);
    early.clear();
  }

  private void forward(LiveMessage message) {
    var status = message.event().status();
    if (ended || status.rank() <= rank) {
      return;
    }
    rank = status.rank();
    if (status.isTerminal()) {
      ended = true;
      outbox.sendAndClose(message.text());
    } else {
      outbox.send(message.text());
    }
  }
}
