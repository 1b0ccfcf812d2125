package io.agentry.executor.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WorkerPoolTest {

  private static final long WAIT_SECONDS = 10;

  private final WorkerPool pool = new WorkerPool(2, "test-worker");
  private final CountDownLatch release = new CountDownLatch(1);

  @AfterEach
  void closePool() {
    release.countDown();
    pool.close();
  }

  @Test
  void aJobIsTakenAtOnceWhileAWorkerIsFree() throws Exception {
    CountDownLatch ran = new CountDownLatch(1);

    CompletableFuture<Void> taken = pool.submit(ran::countDown).toCompletableFuture();

    assertTrue(taken.isDone());
    assertTrue(ran.await(WAIT_SECONDS, TimeUnit.SECONDS));
  }

  @Test
  void whenEveryWorkerIsBusyTheNextJobIsTakenOnlyOnceAWorkerIsFree() throws Exception {
    pool.submit(this::blockUntilReleased);
    pool.submit(this::blockUntilReleased);
    CountDownLatch thirdRan = new CountDownLatch(1);

    CompletableFuture<Void> third = pool.submit(thirdRan::countDown).toCompletableFuture();

    assertFalse(third.isDone(), "taken while both workers were busy");
    assertEquals(2, pool.busy());
    release.countDown();
    third.get(WAIT_SECONDS, TimeUnit.SECONDS);
    assertTrue(thirdRan.await(WAIT_SECONDS, TimeUnit.SECONDS));
  }

  @Test
  void aFailingJobFreesItsWorker() throws Exception {
    try (WorkerPool single = new WorkerPool(1, "test-single")) {
      single.submit(
          () -> {
            throw new IllegalStateException("boom");
          });
      CountDownLatch next = new CountDownLatch(1);

      single.submit(next::countDown).toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);

      assertTrue(next.await(WAIT_SECONDS, TimeUnit.SECONDS));
    }
  }

  @Test
  void drainWaitsForRunningJobsThatEndWithinTheGrace() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    AtomicBoolean ended = new AtomicBoolean();
    pool.submit(
        () -> {
          started.countDown();
          blockUntilReleased();
          ended.set(true);
        });
    assertTrue(started.await(WAIT_SECONDS, TimeUnit.SECONDS));
    AtomicBoolean stopped = new AtomicBoolean();

    CompletableFuture<Boolean> drained =
        CompletableFuture.supplyAsync(
            () -> pool.drain(Duration.ofSeconds(WAIT_SECONDS), () -> stopped.set(true)));
    release.countDown();

    assertTrue(drained.get(WAIT_SECONDS * 2, TimeUnit.SECONDS));
    assertTrue(ended.get());
    assertFalse(stopped.get(), "nothing was left to stop");
  }

  @Test
  void drainStopsJobsStillRunningAtTheDeadline() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    pool.submit(
        () -> {
          started.countDown();
          blockUntilReleased();
        });
    assertTrue(started.await(WAIT_SECONDS, TimeUnit.SECONDS));
    AtomicInteger stops = new AtomicInteger();

    boolean allEnded =
        pool.drain(
            Duration.ofMillis(100),
            () -> {
              stops.incrementAndGet();
              release.countDown();
            });

    assertFalse(allEnded);
    assertEquals(1, stops.get());
    assertEquals(0, pool.busy(), "the stopped job unwound");
  }

  @Test
  void aJobWaitingForAWorkerWhenTheDrainStartsNeverRuns() throws Exception {
    pool.submit(this::blockUntilReleased);
    pool.submit(this::blockUntilReleased);
    AtomicBoolean waitingRan = new AtomicBoolean();
    CompletableFuture<Void> waiting = pool.submit(() -> waitingRan.set(true)).toCompletableFuture();

    CompletableFuture<Boolean> drained =
        CompletableFuture.supplyAsync(() -> pool.drain(Duration.ofSeconds(WAIT_SECONDS), () -> {}));
    awaitNotAccepting();
    release.countDown();

    assertTrue(drained.get(WAIT_SECONDS * 2, TimeUnit.SECONDS));
    assertFalse(waiting.isDone());
    assertFalse(waitingRan.get());
  }

  @Test
  void aJobSubmittedAfterTheDrainIsNeverTaken() {
    pool.drain(Duration.ZERO, () -> {});
    AtomicBoolean ran = new AtomicBoolean();

    CompletableFuture<Void> taken = pool.submit(() -> ran.set(true)).toCompletableFuture();

    assertFalse(taken.isDone());
    assertFalse(ran.get());
  }

  @Test
  void withAQueueABusyPoolTakesJobsInLineUntilTheLineIsFull() throws Exception {
    try (WorkerPool queued = new WorkerPool(1, 2, "test-queued")) {
      queued.submit(this::blockUntilReleased);
      CountDownLatch ran = new CountDownLatch(3);

      CompletableFuture<Void> first = queued.submit(ran::countDown).toCompletableFuture();
      CompletableFuture<Void> second = queued.submit(ran::countDown).toCompletableFuture();
      CompletableFuture<Void> third = queued.submit(ran::countDown).toCompletableFuture();

      assertTrue(first.isDone(), "a place in line was free");
      assertTrue(second.isDone(), "a place in line was free");
      assertFalse(third.isDone(), "taken while the line was full");
      release.countDown();
      third.get(WAIT_SECONDS, TimeUnit.SECONDS);
      assertTrue(ran.await(WAIT_SECONDS, TimeUnit.SECONDS), "every job in line ran");
    }
  }

  @Test
  void jobsInLineWhenTheDrainStartsNeverRun() throws Exception {
    try (WorkerPool queued = new WorkerPool(1, 2, "test-queued")) {
      queued.submit(this::blockUntilReleased);
      AtomicInteger ran = new AtomicInteger();
      assertTrue(queued.submit(ran::incrementAndGet).toCompletableFuture().isDone());

      CompletableFuture<Boolean> drained =
          CompletableFuture.supplyAsync(
              () -> queued.drain(Duration.ofSeconds(WAIT_SECONDS), () -> {}));
      while (queued.accepting()) {
        Thread.sleep(5);
      }
      release.countDown();

      assertTrue(drained.get(WAIT_SECONDS * 2, TimeUnit.SECONDS));
      assertEquals(0, ran.get());
    }
  }

  @Test
  void whenEveryWorkerIsBusyTheLineServesItsLanesRoundRobin() throws Exception {
    try (WorkerPool fair = new WorkerPool(1, 10, "test-fair")) {
      fair.submit(this::blockUntilReleased);
      List<String> ran = Collections.synchronizedList(new ArrayList<>());
      CountDownLatch all = new CountDownLatch(4);
      for (String job : List.of("a1", "a2", "a3", "b1")) {
        Runnable work =
            () -> {
              ran.add(job);
              all.countDown();
            };
        fair.submit(new WorkerPool.Job(job.substring(0, 1), null, 1, work));
      }

      release.countDown();

      assertTrue(all.await(WAIT_SECONDS, TimeUnit.SECONDS));
      assertEquals(List.of("a1", "b1", "a2", "a3"), ran);
    }
  }

  @Test
  void theLineTakesJobsOnlyWhileTheirWeightFitsItsWindow() throws Exception {
    try (WorkerPool weighed = new WorkerPool(1, new WorkerPool.Window(10, 100), "test-weighed")) {
      weighed.submit(this::blockUntilReleased);
      CountDownLatch ran = new CountDownLatch(2);

      CompletableFuture<Void> first =
          weighed.submit(new WorkerPool.Job("a", null, 60, ran::countDown)).toCompletableFuture();
      CompletableFuture<Void> second =
          weighed.submit(new WorkerPool.Job("b", null, 60, ran::countDown)).toCompletableFuture();

      assertTrue(first.isDone(), "60 of 100 bytes fit");
      assertFalse(second.isDone(), "120 of 100 bytes do not");
      assertEquals(1, weighed.waiting());
      assertEquals(60, weighed.waitingWeight());
      release.countDown();
      second.get(WAIT_SECONDS, TimeUnit.SECONDS);
      assertTrue(ran.await(WAIT_SECONDS, TimeUnit.SECONDS));
    }
  }

  @Test
  void aJobHeavierThanTheWindowStillGetsInWhenTheLineIsEmpty() throws Exception {
    try (WorkerPool weighed = new WorkerPool(1, new WorkerPool.Window(10, 100), "test-heavy")) {
      weighed.submit(this::blockUntilReleased);
      CountDownLatch ran = new CountDownLatch(1);

      CompletableFuture<Void> heavy =
          weighed.submit(new WorkerPool.Job("a", null, 500, ran::countDown)).toCompletableFuture();

      assertTrue(heavy.isDone());
      release.countDown();
      assertTrue(ran.await(WAIT_SECONDS, TimeUnit.SECONDS));
    }
  }

  @Test
  void droppedJobsNeverRunAndABlockedOneReleasesItsCaller() throws Exception {
    try (WorkerPool queued = new WorkerPool(1, 2, "test-drop")) {
      queued.submit(this::blockUntilReleased);
      AtomicInteger droppedRan = new AtomicInteger();
      CountDownLatch keptRan = new CountDownLatch(1);
      queued.submit(new WorkerPool.Job("a", "p1", 1, droppedRan::incrementAndGet));
      queued.submit(new WorkerPool.Job("b", "p2", 1, keptRan::countDown));
      CompletableFuture<Void> blocked =
          queued
              .submit(new WorkerPool.Job("c", "p1", 1, droppedRan::incrementAndGet))
              .toCompletableFuture();
      assertFalse(blocked.isDone(), "the line was full");

      int dropped = queued.dropWaiting(Set.of("p1"));

      assertEquals(2, dropped);
      assertTrue(blocked.isDone(), "its caller goes on");
      assertEquals(1, queued.waiting());
      release.countDown();
      assertTrue(keptRan.await(WAIT_SECONDS, TimeUnit.SECONDS));
      awaitIdle(queued);
      assertEquals(0, droppedRan.get());
    }
  }

  @Test
  void droppingJobsMakesRoomForABlockedOne() throws Exception {
    try (WorkerPool queued = new WorkerPool(1, 1, "test-room")) {
      queued.submit(this::blockUntilReleased);
      queued.submit(new WorkerPool.Job("a", "p1", 1, () -> {}));
      CompletableFuture<Void> blocked =
          queued.submit(new WorkerPool.Job("b", "p2", 1, () -> {})).toCompletableFuture();
      assertFalse(blocked.isDone());

      queued.dropWaiting(Set.of("p1"));

      assertTrue(blocked.isDone(), "it got the place in line");
      assertEquals(1, queued.waiting());
      assertEquals(1, queued.waitingLanes());
    }
  }

  @Test
  void jobsOfAllLanesInLineWhenTheDrainStartsNeverRun() throws Exception {
    try (WorkerPool queued = new WorkerPool(1, 4, "test-drain-lanes")) {
      queued.submit(this::blockUntilReleased);
      AtomicInteger ran = new AtomicInteger();
      queued.submit(new WorkerPool.Job("a", null, 1, ran::incrementAndGet));
      queued.submit(new WorkerPool.Job("b", null, 1, ran::incrementAndGet));

      CompletableFuture<Boolean> drained =
          CompletableFuture.supplyAsync(
              () -> queued.drain(Duration.ofSeconds(WAIT_SECONDS), () -> {}));
      while (queued.accepting()) {
        Thread.sleep(5);
      }
      release.countDown();

      assertTrue(drained.get(WAIT_SECONDS * 2, TimeUnit.SECONDS));
      assertEquals(0, ran.get());
      assertEquals(0, queued.waiting());
    }
  }

  /** Bounded polling until no worker runs a job. */
  private static void awaitIdle(WorkerPool pool) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
    while (pool.busy() > 0 || pool.waiting() > 0) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the pool never became idle");
      }
      Thread.sleep(5);
    }
  }

  private void blockUntilReleased() {
    try {
      release.await(WAIT_SECONDS * 3, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Bounded polling: the drain runs on another thread. */
  private void awaitNotAccepting() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
    while (pool.accepting()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the drain never began");
      }
      Thread.sleep(5);
    }
  }
}
