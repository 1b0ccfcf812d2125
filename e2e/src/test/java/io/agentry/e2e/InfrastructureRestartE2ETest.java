package io.agentry.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agentry.localstack.Component;
import org.junit.jupiter.api.Test;

/**
 * The Kafka broker and the PostgreSQL server die (SIGKILL) while a batch is submitted, run and
 * persisted, and are started again with their data: the services reconnect by themselves, and every
 * accepted task ends exactly once in the results, on Kafka and in the statistics.
 */
class InfrastructureRestartE2ETest {

  private final Platform platform = Platform.get();

  @Test
  void aKafkaBrokerKilledDuringABatchLosesNoAcceptedTask() {
    for (int round = 1; round <= FaultLoad.ROUNDS; round++) {
      FaultedBatch.across(
          platform,
          "Kafka broker SIGKILL and start, round " + round,
          () -> restart(Component.KAFKA));
    }
  }

  @Test
  void aKafkaBrokerKilledDuringABatchWithIdempotencyKeysQueuesEachTaskOnce() {
    for (int round = 1; round <= FaultLoad.ROUNDS; round++) {
      BatchVerdict.Outcome outcome =
          FaultedBatch.acrossWithIdempotencyKeys(
              platform,
              "Kafka broker SIGKILL and start, retries with Idempotency-Key, round " + round,
              () -> restart(Component.KAFKA));
      assertEquals(FaultLoad.BATCH, outcome.accepted(), "accepted tasks");
      assertEquals(0, outcome.extra(), "tasks that ran without their key's 202");
    }
  }

  @Test
  void aPostgresKilledDuringResultPersistenceLosesNothing() {
    for (int round = 1; round <= FaultLoad.ROUNDS; round++) {
      FaultedBatch.across(
          platform,
          "PostgreSQL SIGKILL and start, round " + round,
          () -> restart(Component.POSTGRES));
    }
  }

  private void restart(Component component) {
    platform.kill(component);
    platform.startAgain(component);
  }
}
