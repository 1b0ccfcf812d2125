package io.agentry.executor;

import io.agentry.localstack.LocalStackTestResource;
import io.agentry.wire.TaskEvent;
import io.agentry.wire.TaskStatus;
import io.agentry.wire.Topics;
import io.agentry.wire.WireCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Produces task records and reads what the executor published, as another Kafka client would. One
 * reader per topic stays open for the whole test class and keeps every record it saw, by key.
 */
final class KafkaTestClient implements AutoCloseable {

  private static final Duration WAIT = Duration.ofSeconds(30);

  private final String bootstrap = LocalStackTestResource.endpoints().kafkaBootstrap();
  private final KafkaProducer<String, byte[]> producer =
      new KafkaProducer<>(
          Map.of(
              ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
              bootstrap,
              ProducerConfig.ACKS_CONFIG,
              "all"),
          new StringSerializer(),
          new ByteArraySerializer());
  private final Map<String, TopicReader> readers = new HashMap<>();

  /** Sends a record and waits for Kafka's acknowledgement. */
  void send(String topic, String key, byte[] value)
      throws ExecutionException, InterruptedException {
    producer.send(new ProducerRecord<>(topic, key, value)).get();
  }

  /** The events of one task, in order, up to and including its terminal event. */
  List<TaskEvent> eventsUntilTerminal(UUID taskId) {
    return eventsUntilTerminal(taskId, WAIT);
  }

  /**
   * The events of one task, in order, up to and including its terminal event, waiting at most
   * {@code wait} for them.
   */
  List<TaskEvent> eventsUntilTerminal(UUID taskId, Duration wait) {
    List<ConsumerRecord<String, byte[]>> records =
        reader(Topics.TASK_EVENTS)
            .await(
                taskId.toString(),
                wait,
                seen ->
                    WireCodec.decodeEvent(seen.get(seen.size() - 1).value()).status().isTerminal());
    return records.stream().map(record -> WireCodec.decodeEvent(record.value())).toList();
  }

  /** The events of one task, in order, up to and including the first one with {@code status}. */
  List<TaskEvent> eventsUntil(UUID taskId, TaskStatus status) {
    List<ConsumerRecord<String, byte[]>> records =
        reader(Topics.TASK_EVENTS)
            .await(
                taskId.toString(),
                WAIT,
                seen ->
                    seen.stream()
                        .anyMatch(r -> WireCodec.decodeEvent(r.value()).status() == status));
    return records.stream().map(record -> WireCodec.decodeEvent(record.value())).toList();
  }

  /** Every event of one task published until now: the topic is read to its current end. */
  List<TaskEvent> eventsSoFar(UUID taskId) {
    return reader(Topics.TASK_EVENTS).readToEnd(taskId.toString()).stream()
        .map(record -> WireCodec.decodeEvent(record.value()))
        .toList();
  }

  /** The first record on {@code topic} with that key. */
  ConsumerRecord<String, byte[]> firstWithKey(String topic, String key) {
    return reader(topic).await(key, WAIT, seen -> true).get(0);
  }

  @Override
  public void close() {
    producer.close();
    readers.values().forEach(TopicReader::close);
  }

  private TopicReader reader(String topic) {
    return readers.computeIfAbsent(topic, TopicReader::new);
  }

  /** Reads a whole topic from the beginning, without a consumer group. */
  private final class TopicReader implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final Map<String, List<ConsumerRecord<String, byte[]>>> byKey = new HashMap<>();

    TopicReader(String topic) {
      consumer =
          new KafkaConsumer<>(
              Map.of(
                  ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                  bootstrap,
                  ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                  false,
                  ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG,
                  50),
              new StringDeserializer(),
              new ByteArrayDeserializer());
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
    }

    /**
     * The records with that key, in order, once {@code done} accepts them; polls for at most {@code
     * wait}.
     */
    List<ConsumerRecord<String, byte[]>> await(
        String key, Duration wait, Predicate<List<ConsumerRecord<String, byte[]>>> done) {
      long deadline = System.nanoTime() + wait.toNanos();
      while (true) {
        List<ConsumerRecord<String, byte[]>> seen = byKey.getOrDefault(key, List.of());
        if (!seen.isEmpty() && done.test(seen)) {
          return seen;
        }
        if (System.nanoTime() > deadline) {
          throw new AssertionError("no complete set of records with key " + key + " in " + wait);
        }
        poll();
      }
    }

    /** The records with that key among everything on the topic now. */
    List<ConsumerRecord<String, byte[]>> readToEnd(String key) {
      Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment());
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (ends.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("could not read the topic to its end in " + WAIT);
        }
        poll();
      }
      return byKey.getOrDefault(key, List.of());
    }

    private void poll() {
      for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
        if (record.key() != null) {
          byKey.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(record);
        }
      }
    }

    @Override
    public void close() {
      consumer.close();
    }
  }
}
