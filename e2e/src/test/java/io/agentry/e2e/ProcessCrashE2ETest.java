package io.agentry.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentry.localstack.PackagedService;
import io.agentry.wire.TaskEvent;
import io.agentry.wire.TaskStatus;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The platform's own processes die (SIGKILL) or restart while a batch is submitted, run and
 * persisted: delivery is at least once, yet every accepted task ends exactly once in the results,
 * on Kafka and in the statistics. Each fault strikes {@link FaultLoad#ROUNDS} batches of {@link
 * FaultLoad#BATCH} tasks.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProcessCrashE2ETest {

  private final Platform platform = Platform.get();

  @Test
  @Order(1)
  void twoExecutorsShareTheWork() {
    PublicApi user = PublicApi.newUser(platform.apiUrl());
    String agentId = user.upload("spin", "1.0.0", Agents.spin(2_000_000)).path("id").asText();
    Set<String> taskIds;
    try (TaskBatch batch = TaskBatch.start(user, agentId, 48)) {
      taskIds = batch.awaitAll(Duration.ofMinutes(2));
    }
    BatchVerdict.check(
        platform, user, agentId, taskIds, 0, System.nanoTime(), FaultLoad.BATCH_TIMEOUT);

    Set<String> executors =
        Kafka.eventsOf(platform.kafkaBootstrap(), taskIds).stream()
            .filter(event -> event.status() == TaskStatus.SUCCEEDED)
            .map(TaskEvent::executorId)
            .collect(Collectors.toSet());
    assertEquals(2, executors.size(), "executors that ran the batch: " + executors);
  }

  @Test
  @Order(2)
  void anExecutorKilledDuringABatchLosesNothingAndCountsNothingTwice() {
    for (int round = 1; round <= FaultLoad.ROUNDS; round++) {
      FaultedBatch.across(
          platform,
          "executor SIGKILL, round " + round,
          () -> {
            PackagedService victim = platform.executors().get(0);
            platform.killExecutor(victim);
            platform.replaceExecutor(victim);
          });
    }
  }

  @Test
  @Order(3)
  void aResultsServiceKilledDuringABatchLosesNothingAndCountsNothingTwice() {
    for (int round = 1; round <= FaultLoad.ROUNDS; round++) {
      FaultedBatch.across(
          platform,
          "results SIGKILL, round " + round,
          () -> {
            platform.killResults();
            platform.startResultsAgain();
          });
    }
  }

  @Test
  @Order(4)
  void aResultsServiceRestartedDuringABatchLosesNothing() {
    FaultedBatch.across(platform, "results graceful restart", platform::restartResults);
  }

  @Test
  @Order(5)
  void aGatewayKilledDuringSubmissionLosesNoAcceptedTaskAndDuplicatesNone() {
    for (int round = 1; round <= FaultLoad.ROUNDS; round++) {
      BatchVerdict.Outcome outcome =
          FaultedBatch.across(
              platform,
              "gateway SIGKILL, round " + round,
              () -> {
                platform.killGateway();
                platform.startGatewayAgain();
              });
      assertEquals(FaultLoad.BATCH, outcome.accepted(), "accepted tasks");
      assertTrue(outcome.notAccepted() > 0, "no submission failed: the gateway was not down");
    }
  }

  @Test
  @Order(6)
  void aGatewayKilledDuringSubmissionWithIdempotencyKeysQueuesEachTaskOnce() {
    for (int round = 1; round <= FaultLoad.ROUNDS; round++) {
      BatchVerdict.Outcome outcome =
          FaultedBatch.acrossWithIdempotencyKeys(
              platform,
              "gateway SIGKILL, retries with Idempotency-Key, round " + round,
              () -> {
                platform.killGateway();
                platform.startGatewayAgain();
              });
      assertEquals(FaultLoad.BATCH, outcome.accepted(), "accepted tasks");
      assertEquals(0, outcome.extra(), "tasks that ran without their key's 202");
      assertTrue(outcome.notAccepted() > 0, "no submission failed: the gateway was not down");
    }
  }
}
