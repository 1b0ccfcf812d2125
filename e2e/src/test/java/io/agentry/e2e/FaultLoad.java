package io.agentry.e2e;

import java.time.Duration;

/**
 * How hard the fault tests push: the tasks in each batch and the rounds of each fault. The default
 * build runs one round of 500; the {@code faults-long} profile sets {@code agentry.faults.batch}
 * and {@code agentry.faults.rounds} higher (see the module's README).
 */
final class FaultLoad {

  /** Tasks per batch. */
  static final int BATCH = Integer.getInteger("agentry.faults.batch", 500);

  /** How many times each fault is injected, each time into a new batch. */
  static final int ROUNDS = Integer.getInteger("agentry.faults.rounds", 1);

  /**
   * How long a batch may take from its first submission to its last result, recovery included: a
   * killed consumer's partitions wait for its Kafka session to expire (45 s) before another member
   * takes them, and this machine is shared.
   */
  static final Duration BATCH_TIMEOUT = Duration.ofMinutes(4).plusMillis(BATCH * 100L);

  /** The share of the batch accepted before the fault strikes: the rest comes during or after. */
  static int faultPoint() {
    return BATCH * 2 / 5;
  }

  private FaultLoad() {}
}
