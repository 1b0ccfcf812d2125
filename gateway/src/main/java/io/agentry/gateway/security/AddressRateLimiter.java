package io.agentry.gateway.security;

import io.agentry.gateway.problem.GatewayException;
import io.agentry.gateway.problem.ProblemType;
import io.agentry.gateway.web.WebConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Limits the rate of anonymous reads per client address, with the same in-memory token buckets as
 * {@link RateLimiter} uses per user. The address is the one {@code X-Forwarded-For} carries to the
 * services: the peer's, or a trusted proxy's forwarded one.
 */
@ApplicationScoped
public class AddressRateLimiter {

  private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();
  private final double rate;
  private final int burst;

  public AddressRateLimiter(WebConfig config) {
    this.rate = config.anonymousReads().requestsPerSecond();
    this.burst = config.anonymousReads().burst();
  }

  /**
   * Counts an anonymous request from {@code address}; throws {@code rate-limited} over the limit.
   */
  public void acquire(String address) {
    long now = System.nanoTime();
    long waitNanos =
        buckets.computeIfAbsent(address, key -> new TokenBucket(burst, rate, now)).tryTake(now);
    if (waitNanos > 0) {
      int seconds = (int) Math.max(1, TimeUnit.NANOSECONDS.toSeconds(waitNanos - 1) + 1);
      throw GatewayException.retryLater(
          ProblemType.RATE_LIMITED,
          "Too many requests without credentials from your address; at most "
              + rate
              + " per second are allowed on average. Sign in or send an API key for more.",
          seconds,
          null);
    }
  }

  /** Forgets the buckets of addresses that have been quiet long enough for theirs to refill. */
  @Scheduled(every = "60s", delayed = "60s")
  void forgetIdle() {
    long now = System.nanoTime();
    buckets.values().removeIf(bucket -> bucket.isFull(now));
  }
}
