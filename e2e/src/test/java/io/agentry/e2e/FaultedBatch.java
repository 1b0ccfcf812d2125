package io.agentry.e2e;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;

/**
 * Runs one batch of tiny tasks through the gateway with a fault injected while it is in flight:
 * once {@link FaultLoad#faultPoint()} tasks were accepted, the rest being submitted, queued, run
 * and persisted around the fault. Then checks the batch with {@link BatchVerdict}.
 */
final class FaultedBatch {

  /** A few milliseconds of work per task: a batch takes seconds, not minutes. */
  private static final long TASK_WORK = 2_000_000L;

  private FaultedBatch() {}

  /** Runs a batch for a new user and agent across {@code fault}, checks it and reports it. */
  static BatchVerdict.Outcome across(Platform platform, String name, Runnable fault) {
    return run(platform, name, fault, TaskBatch::start);
  }

  /** Like {@link #across}, each task submitted with an {@code Idempotency-Key} of its own. */
  static BatchVerdict.Outcome acrossWithIdempotencyKeys(
      Platform platform, String name, Runnable fault) {
    return run(platform, name, fault, TaskBatch::startWithIdempotencyKeys);
  }

  private interface Submission {
    TaskBatch start(PublicApi user, String agentId, int count);
  }

  private static BatchVerdict.Outcome run(
      Platform platform, String name, Runnable fault, Submission submission) {
    PublicApi user = PublicApi.newUser(platform.apiUrl());
    String agentId = user.upload("spin", "1.0.0", Agents.spin(TASK_WORK)).path("id").asText();
    user.patch("/agents/" + agentId, Map.of("price", new BigDecimal(BatchVerdict.PRICE)));
    try (TaskBatch batch = submission.start(user, agentId, FaultLoad.BATCH)) {
      batch.awaitAccepted(FaultLoad.faultPoint(), FaultLoad.BATCH_TIMEOUT);
      long faultAt = System.nanoTime();
      fault.run();
      Set<String> accepted = batch.awaitAll(FaultLoad.BATCH_TIMEOUT);
      BatchVerdict.Outcome outcome =
          BatchVerdict.check(
              platform,
              user,
              agentId,
              accepted,
              batch.notAccepted(),
              faultAt,
              FaultLoad.BATCH_TIMEOUT);
      System.out.println(outcome.describe(name) + "; not accepted by cause " + batch.failures());
      return outcome;
    }
  }
}
