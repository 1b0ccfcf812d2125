package io.agentry.executor.messaging;

import io.agentry.executor.config.ExecutorConfig;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Default;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * Makes an executor honour cancellations published before it started. Whenever the task-control
 * consumer is given partitions, it goes back {@code agentry.executor.control.replay-window} on each
 * of them (by record timestamp) and reads forward from there; tasks wait, for at most {@code
 * replay-wait}, until that read-back reached the end the topic had at that moment. Reading a
 * cancellation twice changes nothing.
 */
@ApplicationScoped
@Default // also injected as itself, by the two consumers
@Identifier(ControlReplay.NAME)
public class ControlReplay implements KafkaConsumerRebalanceListener {

  /** The listener's name in the task-control channel's configuration. */
  public static final String NAME = "task-control-replay";

  private static final Logger LOG = Logger.getLogger(ControlReplay.class);

  private final Duration window;
  private final Duration wait;
  private final Clock clock;

  /** Partition -> the offset the read-back must reach (the end offset at assignment). */
  private final Map<TopicPartition, Long> behind = new HashMap<>();

  private boolean caughtUp;

  @Inject
  public ControlReplay(ExecutorConfig config) {
    this(config.control().replayWindow(), config.control().replayWait(), Clock.systemUTC());
  }

  ControlReplay(Duration window, Duration wait, Clock clock) {
    this.window = window;
    this.wait = wait;
    this.clock = clock;
  }

  /** Runs on the consumer's polling thread, where blocking consumer calls belong. */
  @Override
  public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
    if (partitions.isEmpty()) {
      return;
    }
    Map<TopicPartition, Long> targets;
    try {
      targets = seekBack(consumer, partitions);
    } catch (RuntimeException e) {
      LOG.warnf("Could not read back task-control (%s); only cancellations from now on count", e);
      targets = Map.of();
    }
    synchronized (this) {
      behind.putAll(targets);
      releaseIfCaughtUp();
    }
  }

  /** Seeks each partition to the window's start; returns the end offsets still to be read. */
  private Map<TopicPartition, Long> seekBack(
      Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
    long since = clock.millis() - window.toMillis();
    Map<TopicPartition, Long> times = new HashMap<>();
    partitions.forEach(partition -> times.put(partition, since));
    Map<TopicPartition, OffsetAndTimestamp> fromTime = consumer.offsetsForTimes(times);
    Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
    Map<TopicPartition, Long> targets = new HashMap<>();
    long records = 0;
    for (TopicPartition partition : partitions) {
      long end = ends.get(partition);
      OffsetAndTimestamp first = fromTime.get(partition);
      long start = first == null ? end : first.offset();
      consumer.seek(partition, start);
      if (start < end) {
        targets.put(partition, end);
        records += end - start;
      }
    }
    LOG.infof(
        "Reading back %d control records of the last %s on %d partitions",
        records, window, partitions.size());
    return targets;
  }

  @Override
  public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
    synchronized (this) {
      partitions.forEach(behind::remove);
    }
  }

  /** The control consumer handled {@code record}. */
  public synchronized void read(ConsumerRecord<?, ?> record) {
    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
    Long target = behind.get(partition);
    if (target != null && record.offset() + 1 >= target) {
      behind.remove(partition);
      releaseIfCaughtUp();
    }
  }

  /**
   * Returns once the first read-back reached its end, or after {@code replay-wait} (then tasks run
   * without it, and a warning says so).
   *
   * @throws CancellationException when the thread is interrupted meanwhile
   */
  public void awaitCaughtUp() {
    synchronized (this) {
      if (caughtUp) {
        return;
      }
      long deadline = System.nanoTime() + wait.toNanos();
      while (!caughtUp) {
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
          LOG.warnf(
              "Cancellations published before this executor started were not all read within %s;"
                  + " tasks run without waiting further",
              wait);
          caughtUp = true;
          return;
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(this, remaining);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new CancellationException("interrupted while waiting for task-control");
        }
      }
    }
  }

  private void releaseIfCaughtUp() {
    if (!caughtUp && behind.isEmpty()) {
      caughtUp = true;
      notifyAll();
      LOG.info("Cancellations published before this executor started have been read");
    }
  }
}
