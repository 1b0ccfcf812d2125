package io.agentry.gateway.proxy;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {

  private final AtomicLong now = new AtomicLong();
  private final CircuitBreaker breaker = new CircuitBreaker(3, Duration.ofSeconds(10), now::get);

  @Test
  void opensAfterConsecutiveFailuresOnly() {
    breaker.onFailure();
    breaker.onFailure();
    breaker.onSuccess();
    breaker.onFailure();
    breaker.onFailure();
    assertTrue(breaker.allowRequest());
    breaker.onFailure();
    assertFalse(breaker.allowRequest());
  }

  @Test
  void letsOneTrialThroughAfterTheOpenPeriodAndClosesOnItsSuccess() {
    for (int i = 0; i < 3; i++) {
      breaker.onFailure();
    }
    now.addAndGet(Duration.ofSeconds(10).toNanos());
    assertTrue(breaker.allowRequest());
    assertFalse(breaker.allowRequest(), "a second request during the trial");
    breaker.onSuccess();
    assertTrue(breaker.allowRequest());
  }

  @Test
  void reopensWhenTheTrialFails() {
    for (int i = 0; i < 3; i++) {
      breaker.onFailure();
    }
    now.addAndGet(Duration.ofSeconds(11).toNanos());
    assertTrue(breaker.allowRequest());
    breaker.onFailure();
    assertFalse(breaker.allowRequest());
  }
}
