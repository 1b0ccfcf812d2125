package io.agentry.registry.security;

/**
 * Attempts allowed for one key: up to a limit at once, one more every {@code interval}. A token
 * bucket kept as one number, the time at which every counted attempt is forgiven, so the arithmetic
 * is exact. Not thread-safe: {@link AttemptLimiter} guards it.
 */
final class TokenBucket {

  private final long interval;
  private final long burst;
  private long forgivenAt;

  /**
   * @param interval nanoseconds after which one attempt is forgiven
   * @param limit attempts allowed at once
   * @param now nanoseconds, as {@link System#nanoTime()}
   */
  TokenBucket(long interval, int limit, long now) {
    this.interval = interval;
    this.burst = interval * limit;
    this.forgivenAt = now;
  }

  /**
   * Counts one attempt at {@code now} and returns 0, or, when none is left, counts nothing and
   * returns the nanoseconds until one is.
   */
  long tryTake(long now) {
    long next = Math.max(forgivenAt - now, 0) + interval;
    if (next > burst) {
      return next - burst;
    }
    forgivenAt = now + next;
    return 0;
  }

  /** Uncounts an attempt counted earlier. */
  void giveBack() {
    forgivenAt -= interval;
  }

  /** True when every attempt is forgiven: forgetting the bucket changes nothing. */
  boolean isFull(long now) {
    return forgivenAt - now <= 0;
  }
}
