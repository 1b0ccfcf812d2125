package io.agentry.registry.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class AttemptLimiterTest {

  private long now = 1_000_000_000L;
  private final AttemptLimiter limiter =
      new AttemptLimiter(5, Duration.ofMinutes(15), 3, () -> now);

  @Test
  void theLimitIsAllowedAtOnceAndTheNextAttemptWaitsForOneToBeForgiven() {
    for (int i = 0; i < 5; i++) {
      assertEquals(Duration.ZERO, limiter.tryAcquire("alice"));
    }
    assertEquals(Duration.ofMinutes(3), limiter.tryAcquire("alice"));
    advance(Duration.ofMinutes(1));
    assertEquals(Duration.ofMinutes(2), limiter.tryAcquire("alice"));
    advance(Duration.ofMinutes(2));
    assertEquals(Duration.ZERO, limiter.tryAcquire("alice"));
    assertTrue(limiter.tryAcquire("alice").compareTo(Duration.ZERO) > 0);
  }

  @Test
  void keysAreCountedApart() {
    for (int i = 0; i < 5; i++) {
      limiter.tryAcquire("alice");
    }
    assertEquals(Duration.ZERO, limiter.tryAcquire("bob"));
  }

  @Test
  void aReleasedAttemptDoesNotCount() {
    for (int i = 0; i < 20; i++) {
      assertEquals(Duration.ZERO, limiter.tryAcquire("alice"));
      limiter.release("alice");
    }
  }

  @Test
  void theKeysTrackedStayWithinTheBound() {
    for (int i = 0; i < 100; i++) {
      limiter.tryAcquire("user-" + i);
    }
    assertTrue(limiter.size() <= 3, limiter.size() + " keys tracked");
  }

  @Test
  void bucketsUntouchedForTheirWholePeriodAreForgotten() {
    for (int i = 0; i < 5; i++) {
      limiter.tryAcquire("alice");
      limiter.tryAcquire("bob");
    }
    advance(Duration.ofMinutes(14));
    limiter.tryAcquire("bob");
    assertEquals(2, limiter.size());
    advance(Duration.ofMinutes(1));
    limiter.tryAcquire("carol");
    assertEquals(2, limiter.size(), "alice's bucket is full again and was dropped, bob's is not");
  }

  @Test
  void aLimitNeedsAnAttemptAPeriodAndRoomForAKey() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new AttemptLimiter(0, Duration.ofMinutes(1), 1, () -> now));
    assertThrows(
        IllegalArgumentException.class, () -> new AttemptLimiter(1, Duration.ZERO, 1, () -> now));
    assertThrows(
        IllegalArgumentException.class,
        () -> new AttemptLimiter(1, Duration.ofMinutes(1), 0, () -> now));
  }

  private void advance(Duration duration) {
    now += duration.toNanos();
  }
}
