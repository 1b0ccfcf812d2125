package io.agentry.results.bench;

import io.agentry.wire.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** A plain consumer of task-events that measures the broker's own send-to-poll latency. */
final class KafkaProbe {

  private final KafkaConsumer<String, byte[]> consumer;
  private final Map<String, Long> sentAt;
  private final List<Long> latencies = new ArrayList<>();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final Thread thread;

  private KafkaProbe(String bootstrap, Map<String, Long> sentAt) {
    this.sentAt = sentAt;
    this.consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG,
                "bench-probe-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "latest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                "false"),
            new StringDeserializer(),
            new ByteArrayDeserializer());
    this.thread = new Thread(this::poll, "kafka-probe");
  }

  /** Subscribes and returns once the consumer has its partitions. */
  static KafkaProbe start(String bootstrap, Map<String, Long> sentAt) {
    KafkaProbe probe = new KafkaProbe(bootstrap, sentAt);
    probe.consumer.subscribe(List.of(Topics.TASK_EVENTS));
    while (probe.consumer.assignment().isEmpty()) {
      probe.consumer.poll(Duration.ofMillis(100));
    }
    probe.consumer.seekToEnd(probe.consumer.assignment());
    probe.consumer.assignment().forEach(probe.consumer::position);
    probe.thread.start();
    return probe;
  }

  private void poll() {
    while (running.get()) {
      for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
        long now = System.nanoTime();
        Long sent = sentAt.get(record.key());
        if (sent != null) {
          latencies.add(now - sent);
        }
      }
    }
    consumer.close();
  }

  /** Stops and returns the latencies seen, sorted. */
  long[] stop() throws InterruptedException {
    running.set(false);
    thread.join();
    long[] sorted = latencies.stream().mapToLong(Long::longValue).toArray();
    Arrays.sort(sorted);
    return sorted;
  }
}
