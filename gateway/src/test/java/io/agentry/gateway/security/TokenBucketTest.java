package io.agentry.gateway.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TokenBucketTest {

  @Test
  void allowsABurstThenRefillsAtTheRate() {
    TokenBucket bucket = new TokenBucket(3, 2.0, 0);
    assertEquals(0, bucket.tryTake(0));
    assertEquals(0, bucket.tryTake(0));
    assertEquals(0, bucket.tryTake(0));
    long wait = bucket.tryTake(0);
    assertEquals(TimeUnit.MILLISECONDS.toNanos(500), wait);
    assertEquals(0, bucket.tryTake(TimeUnit.MILLISECONDS.toNanos(500)));
    assertTrue(bucket.tryTake(TimeUnit.MILLISECONDS.toNanos(500)) > 0);
  }

  @Test
  void neverHoldsMoreThanItsCapacity() {
    TokenBucket bucket = new TokenBucket(2, 1.0, 0);
    long later = TimeUnit.SECONDS.toNanos(100);
    assertEquals(0, bucket.tryTake(later));
    assertEquals(0, bucket.tryTake(later));
    assertTrue(bucket.tryTake(later) > 0);
  }
}
