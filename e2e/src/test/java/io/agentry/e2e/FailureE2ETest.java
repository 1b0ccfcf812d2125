package io.agentry.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentry.localstack.PackagedService;
import io.agentry.wire.TaskEvent;
import io.agentry.wire.TaskStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Processes that die or restart during a batch: delivery is at least once, yet every task ends
 * exactly once in the results and the statistics.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FailureE2ETest {

  private static final Duration BATCH_TIMEOUT = Duration.ofMinutes(3);

  /** About 20-50 ms of work per task. */
  private static final long SPIN = 20_000_000L;

  private final Platform platform = Platform.get();

  private static List<String> submitBatch(PublicApi user, String agentId, int count) {
    List<String> taskIds = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      taskIds.add(user.accepted(Map.of("agentId", agentId)));
    }
    return taskIds;
  }

  private static void assertEveryTaskEndedOnce(
      PublicApi user, String agentId, List<String> taskIds) {
    for (String taskId : taskIds) {
      assertEquals(
          "SUCCEEDED", user.awaitTerminal(taskId, BATCH_TIMEOUT).path("status").asText(), taskId);
      assertEquals(
          "SUCCEEDED", user.getJson("/tasks/" + taskId + "/results").path("status").asText());
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    JsonNode stats;
    do {
      stats = user.getJson("/agents/" + agentId + "/stats");
      PublicApi.pause(100);
    } while (stats.path("tasksCompleted").asInt() < taskIds.size() && System.nanoTime() < deadline);
    assertEquals(taskIds.size(), stats.path("tasksCompleted").asInt(), stats.toString());
    assertEquals(taskIds.size(), stats.path("tasksSucceeded").asInt(), stats.toString());
  }

  @Test
  @Order(1)
  void twoExecutorsShareTheWork() {
    PublicApi user = PublicApi.newUser(platform.apiUrl());
    String agentId = user.upload("spin", "1.0.0", Agents.spin(SPIN / 10)).path("id").asText();
    List<String> taskIds = submitBatch(user, agentId, 48);
    assertEveryTaskEndedOnce(user, agentId, taskIds);

    Set<String> executors =
        Kafka.eventsOf(platform.kafkaBootstrap(), new HashSet<>(taskIds)).stream()
            .filter(event -> event.status() == TaskStatus.SUCCEEDED)
            .map(TaskEvent::executorId)
            .collect(Collectors.toSet());
    assertEquals(2, executors.size(), "executors that ran the batch: " + executors);
  }

  @Test
  @Order(2)
  void anExecutorKilledDuringABatchLosesNothingAndCountsNothingTwice() {
    PublicApi user = PublicApi.newUser(platform.apiUrl());
    String agentId = user.upload("spin", "1.0.0", Agents.spin(SPIN)).path("id").asText();
    List<String> taskIds = submitBatch(user, agentId, 120);

    long deadline = System.nanoTime() + BATCH_TIMEOUT.toNanos();
    while (user.getJson("/agents/" + agentId + "/stats").path("tasksCompleted").asInt() < 10) {
      assertTrue(System.nanoTime() < deadline, "the batch did not start");
      PublicApi.pause(50);
    }
    PackagedService victim = platform.executors().get(0);
    platform.killExecutor(victim);
    platform.replaceExecutor(victim);

    assertEveryTaskEndedOnce(user, agentId, taskIds);
  }

  @Test
  @Order(3)
  void aResultsRestartDuringABatchLosesNothing() {
    PublicApi user = PublicApi.newUser(platform.apiUrl());
    String agentId = user.upload("spin", "1.0.0", Agents.spin(SPIN / 4)).path("id").asText();
    List<String> taskIds = submitBatch(user, agentId, 60);

    platform.restartResults();
    taskIds.addAll(submitBatch(user, agentId, 60));

    assertEveryTaskEndedOnce(user, agentId, taskIds);
  }
}
