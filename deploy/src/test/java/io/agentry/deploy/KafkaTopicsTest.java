package io.agentry.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentry.wire.TaskLimits;
import io.agentry.wire.Topics;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The Kafka topics declared for operators (Strimzi) and for compose, against the code. */
class KafkaTopicsTest {

  /**
   * Topics declared ahead of the wire constant that names them: task-control carries cancellations.
   * Remove an entry once {@link Topics} defines the topic.
   */
  static final Set<String> ANNOUNCED_TOPICS = Set.of("task-control");

  private static final long LARGEST_RECORD =
      Math.max(TaskLimits.MAX_EVENT_RECORD_BYTES, TaskLimits.MAX_TASK_RECORD_BYTES);

  private static final Pattern COMPOSE_TOPIC =
      Pattern.compile(
          "--topic (\\S+) --partitions (\\d+) --replication-factor \\d+ --config"
              + " max\\.message\\.bytes=(\\d+)");

  @Test
  void theDeclaredTopicsAreTheWireTopicsAndTheAnnouncedOnes() {
    Set<String> expected = new TreeSet<>(wireTopics());
    expected.addAll(ANNOUNCED_TOPICS);
    assertEquals(expected, new TreeSet<>(kafkaTopics().keySet()));
  }

  @Test
  void everyTopicAServiceReadsOrWritesIsDeclared() {
    Set<String> used = new TreeSet<>();
    for (ServiceModule service : ServiceModule.all()) {
      service.properties().stringPropertyNames().stream()
          .filter(key -> key.matches("mp\\.messaging\\.(incoming|outgoing)\\.[^.]+\\.topic"))
          .forEach(key -> used.add(service.property(key)));
    }
    assertTrue(used.contains(Topics.AGENT_TASKS), "no service config names " + Topics.AGENT_TASKS);
    used.removeAll(kafkaTopics().keySet());
    assertEquals(Set.of(), used, "topics the services use but no KafkaTopic declares");
  }

  @Test
  void everyTopicTakesTheLargestRecordThePlatformWrites() {
    List<String> small = new ArrayList<>();
    kafkaTopics()
        .forEach(
            (name, topic) -> {
              long max = topic.path("spec").path("config").path("max.message.bytes").asLong();
              if (max < LARGEST_RECORD) {
                small.add(name + ": " + max);
              }
            });
    JsonNode kafka =
        Yaml.documents(DeployTree.kubernetesDir().resolve("infra/kafka-cluster/kafka.yaml"))
            .stream()
            .filter(doc -> Yaml.kind(doc).equals("Kafka"))
            .findFirst()
            .orElseThrow();
    long brokerMax =
        kafka.path("spec").path("kafka").path("config").path("message.max.bytes").asLong();
    if (brokerMax < LARGEST_RECORD) {
      small.add("the example Kafka cluster: " + brokerMax);
    }
    assertEquals(List.of(), small, "records may be " + LARGEST_RECORD + " bytes");
  }

  @Test
  void productionTopicsKeepAcknowledgedWritesWhenABrokerFails() {
    kafkaTopics()
        .forEach(
            (name, topic) -> {
              int replicas = topic.path("spec").path("replicas").asInt();
              int minInSync = topic.path("spec").path("config").path("min.insync.replicas").asInt();
              assertTrue(replicas >= 3 && minInSync >= 2 && minInSync < replicas, name);
            });
  }

  @Test
  void topicsBelongToTheExampleKafkaCluster() {
    JsonNode kafka =
        Yaml.documents(DeployTree.kubernetesDir().resolve("infra/kafka-cluster/kafka.yaml"))
            .stream()
            .filter(doc -> Yaml.kind(doc).equals("Kafka"))
            .findFirst()
            .orElseThrow();
    kafkaTopics()
        .forEach(
            (name, topic) ->
                assertEquals(
                    Yaml.name(kafka),
                    Yaml.text(topic, "metadata", "labels", "strimzi.io/cluster").orElse(""),
                    name));
  }

  @Test
  void composeCreatesTheDeclaredTopicsWithTheKubernetesPartitionCounts() {
    Map<String, int[]> created = composeTopics();
    assertEquals(new TreeSet<>(kafkaTopics().keySet()), new TreeSet<>(created.keySet()));
    for (String busy : List.of(Topics.AGENT_TASKS, Topics.TASK_EVENTS)) {
      assertEquals(
          kafkaTopics().get(busy).path("spec").path("partitions").asInt(),
          created.get(busy)[0],
          busy);
    }
    created.forEach((name, settings) -> assertTrue(settings[1] >= LARGEST_RECORD, name));
  }

  /** The topic names the wire module defines (its constants that are not header names). */
  static Set<String> wireTopics() {
    Set<String> topics = new TreeSet<>();
    for (Field field : Topics.class.getDeclaredFields()) {
      if (Modifier.isStatic(field.getModifiers())
          && field.getType() == String.class
          && !field.getName().endsWith("_HEADER")) {
        try {
          topics.add((String) field.get(null));
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return topics;
  }

  /** The KafkaTopic resources for operators, by topic name. */
  static Map<String, JsonNode> kafkaTopics() {
    Map<String, JsonNode> topics = new LinkedHashMap<>();
    for (JsonNode doc :
        Yaml.documents(DeployTree.kubernetesDir().resolve("infra/kafka-topics/topics.yaml"))) {
      if (Yaml.kind(doc).equals("KafkaTopic")) {
        topics.put(Yaml.text(doc, "spec", "topicName").orElse(Yaml.name(doc)), doc);
      }
    }
    return topics;
  }

  /** The topics compose creates: name -> {partitions, max.message.bytes}. */
  static Map<String, int[]> composeTopics() {
    String command =
        DeployTree.compose().path("services").path("kafka-topics").path("command").toString();
    Map<String, int[]> topics = new LinkedHashMap<>();
    Matcher matcher = COMPOSE_TOPIC.matcher(command);
    while (matcher.find()) {
      topics.put(
          matcher.group(1),
          new int[] {Integer.parseInt(matcher.group(2)), Integer.parseInt(matcher.group(3))});
    }
    return topics;
  }
}
