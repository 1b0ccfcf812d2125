package io.agentry.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentry.wire.ExecutorHeap;
import io.agentry.wire.TaskLimits;
import io.agentry.wire.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Executor autoscaling, shutdown and memory against the consumer, the topic and the limits. */
class ExecutorScalingTest {

  private static final String EXECUTOR = "executor-service";
  private static final Duration LONGEST_TASK = Duration.ofMillis(TaskLimits.MAX_TIMEOUT_MS);
  private static final long MIB = 1024 * 1024;

  /** The executor's own wait for running tasks on shutdown (its default is far below 300 s). */
  private static final String RUN_GRACE_KEY = "agentry.executor.shutdown-grace";

  @Test
  void kedaWatchesTheExecutorsConsumerGroupOnAgentTasks() {
    ServiceModule executor = ServiceModule.of(EXECUTOR);
    JsonNode scaledObject = document("components/executor-keda/scaledobject.yaml", "ScaledObject");
    assertEquals(EXECUTOR, Yaml.text(scaledObject, "spec", "scaleTargetRef", "name").orElse(""));
    List<JsonNode> triggers = Yaml.list(scaledObject.path("spec").path("triggers"));
    assertEquals(1, triggers.size());
    JsonNode trigger = triggers.get(0);
    assertEquals("kafka", trigger.path("type").asText());
    assertEquals(
        executor.property("mp.messaging.incoming.agent-tasks.group.id"),
        trigger.path("metadata").path("consumerGroup").asText());
    assertEquals(Topics.AGENT_TASKS, trigger.path("metadata").path("topic").asText());
    assertEquals(Topics.AGENT_TASKS, executor.property("mp.messaging.incoming.agent-tasks.topic"));
  }

  @Test
  void autoscalersStopAtThePartitionCountOfAgentTasks() {
    int partitions =
        KafkaTopicsTest.kafkaTopics()
            .get(Topics.AGENT_TASKS)
            .path("spec")
            .path("partitions")
            .asInt();
    JsonNode keda = document("components/executor-keda/scaledobject.yaml", "ScaledObject");
    JsonNode hpa = document("components/executor-hpa/hpa.yaml", "HorizontalPodAutoscaler");
    assertEquals(partitions, keda.path("spec").path("maxReplicaCount").asInt(), "KEDA");
    assertEquals(partitions, hpa.path("spec").path("maxReplicas").asInt(), "HPA");
    assertEquals(EXECUTOR, Yaml.text(hpa, "spec", "scaleTargetRef", "name").orElse(""));
  }

  @Test
  void kedaReadsTheLagFromTheKafkaTheExecutorsUseInEveryVariant() {
    int checked = 0;
    for (Map.Entry<String, List<ObjectNode>> variant : Variants.all().entrySet()) {
      for (ObjectNode scaledObject : Variants.ofKind(variant.getValue(), "ScaledObject")) {
        ObjectNode deployment =
            Variants.find(variant.getValue(), "Deployment", EXECUTOR).orElseThrow();
        String executorKafka =
            Pods.environment(Variants.serviceContainer(deployment), variant.getValue())
                .get("KAFKA_BOOTSTRAP_SERVERS");
        for (JsonNode trigger : Yaml.list(scaledObject.path("spec").path("triggers"))) {
          checked++;
          assertEquals(
              executorKafka,
              trigger.path("metadata").path("bootstrapServers").asText(),
              variant.getKey());
        }
      }
    }
    assertTrue(checked >= 2, "the KEDA variants were not found");
  }

  @Test
  void anAutoscaledExecutorDeploymentLeavesTheReplicaCountToTheAutoscaler() {
    for (Map.Entry<String, List<ObjectNode>> variant : Variants.all().entrySet()) {
      boolean autoscaled =
          !Variants.ofKind(variant.getValue(), "ScaledObject").isEmpty()
              || !Variants.ofKind(variant.getValue(), "HorizontalPodAutoscaler").isEmpty();
      ObjectNode deployment =
          Variants.find(variant.getValue(), "Deployment", EXECUTOR).orElseThrow();
      if (autoscaled) {
        assertFalse(deployment.path("spec").has("replicas"), variant.getKey());
      }
    }
  }

  @Test
  void executorsOutlastTheLongestTaskWhenAskedToStop() {
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, List<ObjectNode>> variant : Variants.all().entrySet()) {
      ObjectNode deployment =
          Variants.find(variant.getValue(), "Deployment", EXECUTOR).orElseThrow();
      Map<String, String> environment =
          Pods.environment(Variants.serviceContainer(deployment), variant.getValue());
      long grace =
          deployment
              .path("spec")
              .path("template")
              .path("spec")
              .path("terminationGracePeriodSeconds")
              .asLong();
      checkShutdown(variant.getKey(), environment::get, Duration.ofSeconds(grace), problems);
    }
    JsonNode compose = DeployTree.compose().path("services").path(EXECUTOR);
    checkShutdown(
        "compose",
        name -> Yaml.text(compose, "environment", name).orElse(null),
        Pods.duration(compose.path("stop_grace_period").asText()),
        problems);
    assertEquals(List.of(), problems, "the longest task runs " + LONGEST_TASK);
  }

  /**
   * Every shutdown wait the executor has (Quarkus' for requests and, where the executor defines it,
   * its own for runs) is set, outlasts the longest task and ends within the grace period.
   */
  private static void checkShutdown(
      String where, Function<String, String> environment, Duration grace, List<String> problems) {
    List<String> waits = new ArrayList<>(List.of("QUARKUS_SHUTDOWN_TIMEOUT"));
    if (ServiceModule.of(EXECUTOR).configKeys().contains(RUN_GRACE_KEY)) {
      waits.add(ServiceModule.envName(RUN_GRACE_KEY));
    }
    for (String wait : waits) {
      String value = environment.apply(wait);
      if (value == null) {
        problems.add(where + ": " + wait + " is not set");
      } else if (Pods.duration(value).compareTo(LONGEST_TASK) <= 0
          || grace.compareTo(Pods.duration(value)) <= 0) {
        problems.add(where + ": " + wait + " " + value + " with a grace period of " + grace);
      }
    }
  }

  @Test
  void theExecutorHeapHoldsEveryWorkerThreadAtTheLargestTaskMemory() {
    double heapShare = BuildImages.heapShare();
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, List<ObjectNode>> variant : Variants.all().entrySet()) {
      ObjectNode deployment =
          Variants.find(variant.getValue(), "Deployment", EXECUTOR).orElseThrow();
      JsonNode container = Variants.serviceContainer(deployment);
      int threads =
          Integer.parseInt(
              Pods.environment(container, variant.getValue())
                  .get("AGENTRY_EXECUTOR_WORKERS_THREADS"));
      long limit = Pods.bytes(container.path("resources").path("limits").path("memory").asText());
      checkHeap(variant.getKey(), threads, limit, heapShare, problems);
    }
    JsonNode compose = DeployTree.compose().path("services").path(EXECUTOR);
    long composeLimit = Pods.bytes(compose.path("mem_limit").asText().replace("m", "Mi"));
    int composeThreads =
        compose.path("environment").path("AGENTRY_EXECUTOR_WORKERS_THREADS").asInt();
    checkHeap("compose", composeThreads, composeLimit, heapShare, problems);
    assertEquals(List.of(), problems);
  }

  private static void checkHeap(
      String where, int threads, long limit, double heapShare, List<String> problems) {
    long heap = (long) (limit * heapShare);
    if (threads < 1 || heap < ExecutorHeap.minimumMaxHeapBytes(threads)) {
      problems.add(
          where
              + ": "
              + threads
              + " worker threads need "
              + (threads < 1 ? 0 : ExecutorHeap.minimumMaxHeapBytes(threads) / MIB)
              + " MiB of heap, the limit gives "
              + heap / MIB);
    }
  }

  private static JsonNode document(String path, String kind) {
    return Yaml.documents(DeployTree.kubernetesDir().resolve(path)).stream()
        .filter(doc -> Yaml.kind(doc).equals(kind))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " in " + path));
  }
}
