package io.agentry.e2e;

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
