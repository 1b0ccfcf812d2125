package io.agentry.bench;

import io.agentry.wire.TaskEvent;
import io.agentry.wire.Topics;
import io.agentry.wire.WireCodec;
import io.agentry.wire.WireFormatException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Watches {@code task-events} from its end, without a consumer group, and notes when each task's
 * first terminal event arrived (System.nanoTime) and how many terminal events came for tasks that
 * already had one.
 */
final class TerminalEvents implements AutoCloseable {

  /** When a task's first terminal event was seen, and its status. */
  record Ending(long seenNanos, String status) {}

  private final KafkaConsumer<String, byte[]> consumer;
  private final Map<UUID, Ending> endings = new ConcurrentHashMap<>();
  private final AtomicLong repeatedTerminals = new AtomicLong();
  private final Thread poller;
  private volatile boolean running = true;

  TerminalEvents(String bootstrapServers) {
    Properties config = new Properties();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 * 1024 * 1024);
    consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    List<TopicPartition> partitions =
        consumer.partitionsFor(Topics.TASK_EVENTS).stream()
            .map(info -> new TopicPartition(info.topic(), info.partition()))
            .toList();
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    // Resolves the end offsets now, so that every event after this constructor is seen.
    partitions.forEach(consumer::position);
    poller = new Thread(this::poll, "bench-task-events");
    poller.setDaemon(true);
    poller.start();
  }

  Ending ending(UUID taskId) {
    return endings.get(taskId);
  }

  long repeatedTerminals() {
    return repeatedTerminals.get();
  }

  private void poll() {
    while (running) {
      for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
        long seen = System.nanoTime();
        TaskEvent event;
        try {
          event = WireCodec.decodeEvent(record.value());
        } catch (WireFormatException e) {
          continue;
        }
        if (event.status().isTerminal()) {
          Ending first =
              endings.putIfAbsent(event.taskId(), new Ending(seen, event.status().name()));
          if (first != null) {
            repeatedTerminals.incrementAndGet();
          }
        }
      }
    }
    consumer.close();
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    poller.join(5_000);
  }
}
