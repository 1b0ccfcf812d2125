package io.agentry.gateway.proxy;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A circuit breaker for one route: after {@code threshold} consecutive failures it opens and
 * refuses at once for {@code openDuration}; then it lets one request through, and closes again on
 * its success or reopens on its failure. Thread-safe.
 */
public final class CircuitBreaker {

  private final int threshold;
  private final long openNanos;
  private final LongSupplier nanoClock;
  private int consecutiveFailures;
  private long openUntil;
  private boolean trialInFlight;

  public CircuitBreaker(int threshold, Duration openDuration, LongSupplier nanoClock) {
    this.threshold = threshold;
    this.openNanos = openDuration.toNanos();
    this.nanoClock = nanoClock;
  }

  /** True when a request may go through now (in the half-open state: only the first one). */
  public synchronized boolean allowRequest() {
    if (consecutiveFailures < threshold) {
      return true;
    }
    if (nanoClock.getAsLong() - openUntil < 0 || trialInFlight) {
      return false;
    }
    trialInFlight = true;
    return true;
  }

  public synchronized void onSuccess() {
    consecutiveFailures = 0;
    trialInFlight = false;
  }

  public synchronized void onFailure() {
    consecutiveFailures++;
    trialInFlight = false;
    if (consecutiveFailures >= threshold) {
      openUntil = nanoClock.getAsLong() + openNanos;
    }
  }

  public synchronized boolean isOpen() {
    return consecutiveFailures >= threshold;
  }
}
