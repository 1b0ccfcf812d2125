package io.agentry.executor.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.agentry.wire.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

class ControlReplayTest {

  private static final Instant NOW = Instant.parse("2030-01-01T12:00:00Z");
  private static final TopicPartition P0 = new TopicPartition(Topics.TASK_CONTROL, 0);
  private static final TopicPartition P1 = new TopicPartition(Topics.TASK_CONTROL, 1);

  private final TimedConsumer consumer = new TimedConsumer();
  private final ControlReplay replay =
      new ControlReplay(
          Duration.ofMinutes(15), Duration.ofSeconds(30), Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void eachPartitionIsReadFromTheFirstRecordOfTheWindow() {
    consumer.at(P0, 40, 50);
    consumer.at(P1, 7, 9);

    replay.onPartitionsAssigned(consumer, List.of(P0, P1));

    assertEquals(40, consumer.position(P0));
    assertEquals(7, consumer.position(P1));
    assertEquals(NOW.minus(Duration.ofMinutes(15)).toEpochMilli(), consumer.askedFor.get(P0));
  }

  @Test
  void aPartitionWithNothingInTheWindowIsReadFromItsEnd() {
    consumer.at(P0, -1, 12);

    replay.onPartitionsAssigned(consumer, List.of(P0));

    assertEquals(12, consumer.position(P0));
    assertTasksGoAtOnce();
  }

  @Test
  void tasksWaitUntilEveryPartitionWasReadToItsEndAtAssignment() throws Exception {
    consumer.at(P0, 40, 50);
    consumer.at(P1, 7, 9);
    replay.onPartitionsAssigned(consumer, List.of(P0, P1));
    CompletableFuture<Void> task = CompletableFuture.runAsync(replay::awaitCaughtUp);

    replay.read(record(P0, 49));
    replay.read(record(P1, 7));
    assertFalse(task.isDone(), "partition 1 is not read to its end yet");

    replay.read(record(P1, 8));
    task.get(10, TimeUnit.SECONDS);
  }

  @Test
  void tasksGoOnWhenTheReadBackTakesLongerThanTheWait() {
    ControlReplay impatient =
        new ControlReplay(
            Duration.ofMinutes(15), Duration.ofMillis(50), Clock.fixed(NOW, ZoneOffset.UTC));
    consumer.at(P0, 40, 50);
    impatient.onPartitionsAssigned(consumer, List.of(P0));

    assertTimeoutPreemptively(Duration.ofSeconds(10), impatient::awaitCaughtUp);
  }

  @Test
  void aBrokerThatCannotAnswerLeavesTasksFree() {
    consumer.failing = true;

    replay.onPartitionsAssigned(consumer, List.of(P0));

    assertTasksGoAtOnce();
  }

  private void assertTasksGoAtOnce() {
    assertTimeoutPreemptively(Duration.ofSeconds(1), replay::awaitCaughtUp);
  }

  private static ConsumerRecord<String, byte[]> record(TopicPartition partition, long offset) {
    return new ConsumerRecord<>(partition.topic(), partition.partition(), offset, "key", null);
  }

  /** A consumer whose offsets-for-times answers are scripted. */
  private static final class TimedConsumer extends MockConsumer<String, byte[]> {

    private final Map<TopicPartition, Long> firstInWindow = new HashMap<>();
    private final Map<TopicPartition, Long> askedFor = new HashMap<>();
    private boolean failing;

    TimedConsumer() {
      super("latest");
    }

    /** The first offset in the window ({@code -1}: none) and the partition's end offset. */
    void at(TopicPartition partition, long first, long end) {
      assign(List.copyOf(union(partition)));
      updateEndOffsets(Map.of(partition, end));
      if (first >= 0) {
        firstInWindow.put(partition, first);
      }
    }

    private Set<TopicPartition> union(TopicPartition partition) {
      Set<TopicPartition> all = new HashSet<>(assignment());
      all.add(partition);
      return all;
    }

    @Override
    public synchronized Map<TopicPartition, OffsetAndTimestamp> offsetsForTimes(
        Map<TopicPartition, Long> timestamps) {
      if (failing) {
        throw new TimeoutException("no answer");
      }
      askedFor.putAll(timestamps);
      Map<TopicPartition, OffsetAndTimestamp> answer = new HashMap<>();
      timestamps.forEach(
          (partition, time) -> {
            Long first = firstInWindow.get(partition);
            answer.put(partition, first == null ? null : new OffsetAndTimestamp(first, time));
          });
      return answer;
    }
  }
}
