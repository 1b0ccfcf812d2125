package io.agentry.gateway.support;

import io.agentry.localstack.LocalStackTestResource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Reads and writes records on the local stack's Kafka, as the other services would. */
public final class KafkaRecords {

  private KafkaRecords() {}

  /** Every record keyed {@code key} on {@code topic}, read from the start for {@code window}. */
  public static List<ConsumerRecord<String, byte[]>> all(String topic, UUID key, Duration window) {
    List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer = consumer()) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + window.toNanos();
      while (System.nanoTime() < deadline) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(300))) {
          if (key.toString().equals(record.key())) {
            found.add(record);
          }
        }
      }
    }
    return found;
  }

  /** The first record keyed {@code key} on {@code topic}; fails after 30 s without one. */
  public static ConsumerRecord<String, byte[]> first(String topic, UUID key) {
    return first(topic, record -> key.toString().equals(record.key()));
  }

  /** The first record on {@code topic} that {@code wanted} accepts; fails after 30 s. */
  public static ConsumerRecord<String, byte[]> first(
      String topic, Predicate<ConsumerRecord<String, byte[]>> wanted) {
    try (KafkaConsumer<String, byte[]> consumer = consumer()) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (System.nanoTime() < deadline) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          if (wanted.test(record)) {
            return record;
          }
        }
      }
    }
    throw new AssertionError("no matching record on " + topic);
  }

  /** Sends a record and waits for the broker's acknowledgement. */
  public static void send(String topic, UUID key, byte[] value) {
    Properties config = new Properties();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(topic, key.toString(), value)).get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("could not send to " + topic, e);
    }
  }

  private static KafkaConsumer<String, byte[]> consumer() {
    Map<String, Object> config =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap(),
            ConsumerConfig.GROUP_ID_CONFIG,
            "gateway-test-" + UUID.randomUUID(),
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest");
    return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
  }

  private static String bootstrap() {
    return LocalStackTestResource.endpoints().kafkaBootstrap();
  }
}
