package io.agentry.gateway.security;

/**
 * A token bucket: holds up to {@code capacity} tokens, refilled at {@code ratePerSecond}; each
 * request takes one. Thread-safe.
 */
final class TokenBucket {

  private final double capacity;
  private final double ratePerNano;
  private double tokens;
  private long updatedAt;

  TokenBucket(int capacity, double ratePerSecond, long now) {
    this.capacity = capacity;
    this.ratePerNano = ratePerSecond / 1e9;
    this.tokens = capacity;
    this.updatedAt = now;
  }

  /**
   * Takes a token at {@code now} (nanoseconds) and returns 0, or, when the bucket is empty, takes
   * nothing and returns how many nanoseconds remain until a token is available.
   */
  synchronized long tryTake(long now) {
    tokens = Math.min(capacity, tokens + (now - updatedAt) * ratePerNano);
    updatedAt = now;
    if (tokens >= 1) {
      tokens -= 1;
      return 0;
    }
    return (long) Math.ceil((1 - tokens) / ratePerNano);
  }

  /** True when the bucket has been full long enough to be forgotten. */
  synchronized boolean isFull(long now) {
    return tokens + (now - updatedAt) * ratePerNano >= capacity;
  }
}
