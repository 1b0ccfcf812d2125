package io.agentry.executor.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentry.executor.service.WorkerPool;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TaskPartitionsTest {

  private static final TopicPartition KEPT = new TopicPartition("agent-tasks", 0);
  private static final TopicPartition REVOKED = new TopicPartition("agent-tasks", 1);

  private final WorkerPool workers = new WorkerPool(1, 8, "test-partitions");
  private final TaskPartitions partitions = new TaskPartitions(workers);
  private final CountDownLatch release = new CountDownLatch(1);

  @AfterEach
  void closePool() {
    release.countDown();
    workers.close();
  }

  @Test
  void tasksOfARevokedPartitionThatWaitForAWorkerNeverRun() throws Exception {
    partitions.onPartitionsAssigned(null, List.of(KEPT, REVOKED));
    submit(KEPT, this::blockUntilReleased);
    AtomicInteger revokedRan = new AtomicInteger();
    CountDownLatch keptRan = new CountDownLatch(1);
    submit(REVOKED, revokedRan::incrementAndGet);
    submit(KEPT, keptRan::countDown);
    submit(REVOKED, revokedRan::incrementAndGet);

    partitions.onPartitionsRevoked(null, List.of(REVOKED));

    assertEquals(1, workers.waiting(), "only the kept partition's task waits");
    release.countDown();
    assertTrue(keptRan.await(10, TimeUnit.SECONDS));
    assertEquals(0, revokedRan.get());
  }

  @Test
  void aRecordThatArrivesAfterItsPartitionWasRevokedIsLeftWithoutRunning() {
    partitions.onPartitionsAssigned(null, List.of(KEPT, REVOKED));
    partitions.onPartitionsRevoked(null, List.of(REVOKED));
    AtomicInteger ran = new AtomicInteger();

    CompletableFuture<Void> stage = submit(REVOKED, ran::incrementAndGet);

    assertTrue(stage.isDone(), "the intake goes on");
    assertEquals(0, workers.busy());
    assertEquals(0, workers.waiting());
    assertEquals(0, ran.get());
  }

  @Test
  void aPartitionAssignedAgainTakesTasksAgain() throws Exception {
    partitions.onPartitionsAssigned(null, List.of(REVOKED));
    partitions.onPartitionsRevoked(null, List.of(REVOKED));
    partitions.onPartitionsAssigned(null, List.of(REVOKED));
    CountDownLatch ran = new CountDownLatch(1);

    submit(REVOKED, ran::countDown);

    assertTrue(ran.await(10, TimeUnit.SECONDS));
  }

  @Test
  void aBlockedTaskOfARevokedPartitionReleasesTheIntake() {
    WorkerPool full = new WorkerPool(1, 0, "test-partitions-full");
    try {
      TaskPartitions owned = new TaskPartitions(full);
      owned.onPartitionsAssigned(null, List.of(KEPT, REVOKED));
      owned.submit(KEPT, () -> full.submit(job(KEPT, this::blockUntilReleased)));
      AtomicInteger ran = new AtomicInteger();
      CompletableFuture<Void> blocked =
          owned
              .submit(REVOKED, () -> full.submit(job(REVOKED, ran::incrementAndGet)))
              .toCompletableFuture();
      assertFalse(blocked.isDone());

      owned.onPartitionsRevoked(null, List.of(REVOKED));

      assertTrue(blocked.isDone());
      assertEquals(0, ran.get());
    } finally {
      full.close();
    }
  }

  private CompletableFuture<Void> submit(TopicPartition partition, Runnable work) {
    return partitions
        .submit(partition, () -> workers.submit(job(partition, work)))
        .toCompletableFuture();
  }

  private static WorkerPool.Job job(TopicPartition partition, Runnable work) {
    return new WorkerPool.Job("user", partition, 1, work);
  }

  private void blockUntilReleased() {
    try {
      release.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
