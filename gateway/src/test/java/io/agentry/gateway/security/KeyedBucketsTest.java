package io.agentry.gateway.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class KeyedBucketsTest {

  private long now = 1_000_000_000L;
  private final KeyedBuckets<String> buckets =
      new KeyedBuckets<>(3, Duration.ofSeconds(3), 100, () -> now);

  @Test
  void allowsTheCapacityAtOnceThenOneTokenPerPeriodShare() {
    for (int i = 0; i < 3; i++) {
      assertEquals(Duration.ZERO, buckets.tryTake("a"));
    }
    assertEquals(Duration.ofSeconds(1), buckets.tryTake("a"));
    assertEquals(Duration.ofSeconds(1), buckets.waitFor("a"));
    now += Duration.ofSeconds(1).toNanos();
    assertEquals(Duration.ZERO, buckets.waitFor("a"));
    assertEquals(Duration.ZERO, buckets.tryTake("a"));
    assertTrue(buckets.tryTake("a").compareTo(Duration.ZERO) > 0);
  }

  @Test
  void keysAreCountedApartAndAnUnseenKeyNeedsNoWait() {
    for (int i = 0; i < 3; i++) {
      buckets.tryTake("a");
    }
    assertEquals(Duration.ZERO, buckets.waitFor("b"));
    assertEquals(Duration.ZERO, buckets.tryTake("b"));
  }

  @Test
  void neverHoldsMoreThanItsCapacity() {
    now += Duration.ofHours(1).toNanos();
    for (int i = 0; i < 3; i++) {
      assertEquals(Duration.ZERO, buckets.tryTake("a"));
    }
    assertTrue(buckets.tryTake("a").compareTo(Duration.ZERO) > 0);
  }
}
