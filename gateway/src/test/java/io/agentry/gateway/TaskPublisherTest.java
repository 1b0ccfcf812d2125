package io.agentry.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agentry.gateway.messaging.TaskPublisher;
import io.agentry.gateway.support.DownstreamServices;
import io.agentry.localstack.LocalStackTestResource;
import io.agentry.wire.TaskEvent;
import io.agentry.wire.TaskMessage;
import io.agentry.wire.TaskStatus;
import io.agentry.wire.Topics;
import io.agentry.wire.WireCodec;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(
    value = LocalStackTestResource.class,
    initArgs = {
      @ResourceArg(name = "components", value = DownstreamServices.COMPONENTS),
      @ResourceArg(name = "database", value = "gateway")
    })
@WithTestResource(DownstreamServices.class)
class TaskPublisherTest {

  @Inject TaskPublisher publisher;

  @Test
  void aPublishedTaskIsReadByAnotherConsumerKeyedByItsId() {
    TaskMessage task =
        new TaskMessage(
            UUID.randomUUID(),
            UUID.randomUUID(),
            UUID.randomUUID(),
            "a".repeat(64),
            "input bytes".getBytes(StandardCharsets.UTF_8),
            List.of("--upper"),
            Map.of("LANG", "C"),
            5_000,
            32,
            Instant.now().truncatedTo(ChronoUnit.MILLIS));

    publisher.publish(task).await().atMost(Duration.ofSeconds(15));

    ConsumerRecord<String, byte[]> record = readRecord(Topics.AGENT_TASKS, task.taskId());
    assertEquals(task, WireCodec.decodeTask(record.value()));
  }

  @Test
  void aQueuedEventGoesToTheEventsTopic() {
    UUID taskId = UUID.randomUUID();
    TaskEvent queued =
        new TaskEvent(
            taskId,
            UUID.randomUUID(),
            UUID.randomUUID(),
            TaskStatus.QUEUED,
            Instant.now().truncatedTo(ChronoUnit.MILLIS),
            0,
            null,
            null);

    publisher.publish(queued).await().atMost(Duration.ofSeconds(15));

    assertEquals(queued, WireCodec.decodeEvent(readRecord(Topics.TASK_EVENTS, taskId).value()));
  }

  @Test
  void readinessReportsKafkaUp() {
    given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
  }

  private static ConsumerRecord<String, byte[]> readRecord(String topic, UUID key) {
    Map<String, Object> config =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            LocalStackTestResource.endpoints().kafkaBootstrap(),
            ConsumerConfig.GROUP_ID_CONFIG,
            "gateway-test-" + UUID.randomUUID(),
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest");
    try (var consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (System.nanoTime() < deadline) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          if (record.key().equals(key.toString())) {
            return record;
          }
        }
      }
    }
    throw new AssertionError("no record with key " + key + " on " + topic);
  }
}
