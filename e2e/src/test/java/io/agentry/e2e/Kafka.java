package io.agentry.e2e;

import io.agentry.wire.TaskEvent;
import io.agentry.wire.TaskLimits;
import io.agentry.wire.TaskMessage;
import io.agentry.wire.Topics;
import io.agentry.wire.WireCodec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Kafka as an outside client sees it: a producer of tasks, as a customer's own system would write
 * them, a reader of the events, and the progress of the platform's consumer groups.
 */
final class Kafka {

  private Kafka() {}

  /** Every event on task-events so far, of the given tasks. */
  static List<TaskEvent> eventsOf(String bootstrap, Set<String> taskIds) {
    Properties config = new Properties();
    config.putAll(
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            "false"));
    List<TaskEvent> events = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(Topics.TASK_EVENTS).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          if (taskIds.contains(record.key())) {
            events.add(WireCodec.decodeEvent(record.value()));
          }
        }
      }
    }
    return events;
  }

  /**
   * Waits until the consumer group has committed, on every partition of the topic, the end offset
   * that the topic had when this was called: everything written so far has been handled.
   */
  static void awaitCommitted(String bootstrap, String group, String topic, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Map<TopicPartition, Long> end = endOffsets(bootstrap, topic);
    Map<TopicPartition, Long> committed = Map.of();
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      while (System.nanoTime() < deadline) {
        committed = committed(admin, group);
        if (isCaughtUp(end, committed)) {
          return;
        }
        PublicApi.pause(200);
      }
    }
    throw new AssertionError(
        "group "
            + group
            + " did not commit "
            + topic
            + " up to "
            + end
            + " within "
            + timeout
            + "; committed "
            + committed);
  }

  private static boolean isCaughtUp(Map<TopicPartition, Long> end, Map<TopicPartition, Long> done) {
    return end.entrySet().stream()
        .allMatch(e -> e.getValue() == 0 || done.getOrDefault(e.getKey(), 0L) >= e.getValue());
  }

  private static Map<TopicPartition, Long> committed(Admin admin, String group) {
    try {
      Map<TopicPartition, OffsetAndMetadata> offsets =
          admin
              .listConsumerGroupOffsets(group)
              .partitionsToOffsetAndMetadata()
              .get(10, TimeUnit.SECONDS);
      Map<TopicPartition, Long> committed = new HashMap<>();
      offsets.forEach(
          (partition, offset) -> {
            if (offset != null) {
              committed.put(partition, offset.offset());
            }
          });
      return committed;
    } catch (ExecutionException | TimeoutException e) {
      // The broker may be on its way back after a restart: ask again.
      return Map.of();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static Map<TopicPartition, Long> endOffsets(String bootstrap, String topic) {
    Properties config = new Properties();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      return consumer.endOffsets(partitions);
    }
  }

  /**
   * A task as an outside producer writes it straight to Kafka: 10 s and 16 MiB, submitted now.
   *
   * @param binaryHash the binary to run, or null to let the executor resolve the agent's own
   */
  static TaskMessage directTask(
      UUID taskId,
      String agentId,
      String userId,
      String binaryHash,
      byte[] input,
      List<String> args) {
    return new TaskMessage(
        TaskLimits.SPEC_VERSION,
        taskId,
        UUID.fromString(agentId),
        UUID.fromString(userId),
        binaryHash,
        input,
        args,
        Map.of(),
        10_000,
        16,
        Instant.now());
  }

  static void produceTask(String bootstrap, TaskMessage task) throws Exception {
    produce(bootstrap, Topics.AGENT_TASKS, task.taskId().toString(), WireCodec.encode(task));
  }

  static void produce(String bootstrap, String topic, String key, byte[] value) throws Exception {
    Properties config = new Properties();
    config.putAll(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
            ProducerConfig.ACKS_CONFIG, "all",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true"));
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
    }
  }
}
