package io.agentry.sandbox.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DeadlinesTest {

  @Test
  void aShorterLimitStartedAfterALongerOneStillFiresOnTime() throws InterruptedException {
    try (Deadlines deadlines = new Deadlines("test-deadlines")) {
      CountDownLatch longOne = new CountDownLatch(1);
      CountDownLatch shortOne = new CountDownLatch(1);
      deadlines.start(60_000, longOne::countDown);
      long start = System.nanoTime();
      deadlines.start(50, shortOne::countDown);

      assertTrue(shortOne.await(10, TimeUnit.SECONDS), "the 50 ms limit never fired");
      assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(50));
      assertEquals(1, longOne.getCount(), "the 60 s limit fired early");
    }
  }

  @Test
  void aCancelledLimitNeverFires() throws InterruptedException {
    try (Deadlines deadlines = new Deadlines("test-deadlines")) {
      AtomicInteger cancelledFired = new AtomicInteger();
      CountDownLatch later = new CountDownLatch(1);
      deadlines.start(20, cancelledFired::incrementAndGet).cancel();
      deadlines.start(200, later::countDown);

      assertTrue(later.await(10, TimeUnit.SECONDS), "the 200 ms limit never fired");
      assertEquals(0, cancelledFired.get());
    }
  }

  @Test
  void eachLimitFiresOnce() throws InterruptedException {
    try (Deadlines deadlines = new Deadlines("test-deadlines")) {
      AtomicInteger fired = new AtomicInteger();
      CountDownLatch done = new CountDownLatch(3);
      for (int i = 0; i < 3; i++) {
        deadlines.start(
            10L * i,
            () -> {
              fired.incrementAndGet();
              done.countDown();
            });
      }

      assertTrue(done.await(10, TimeUnit.SECONDS));
      Thread.sleep(100);
      assertEquals(3, fired.get());
      assertFalse(Thread.currentThread().isInterrupted());
    }
  }
}
