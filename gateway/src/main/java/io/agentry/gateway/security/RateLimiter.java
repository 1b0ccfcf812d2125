package io.agentry.gateway.security;

import io.agentry.gateway.config.GatewayConfig;
import io.agentry.gateway.problem.GatewayException;
import io.agentry.gateway.problem.ProblemType;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Limits each user's request rate with a token bucket held in this instance's memory (so several
 * gateway replicas together allow their number times the configured rate).
 */
@ApplicationScoped
public class RateLimiter {

  private final Map<UUID, TokenBucket> buckets = new ConcurrentHashMap<>();
  private final boolean enabled;
  private final double rate;
  private final int burst;

  public RateLimiter(GatewayConfig config) {
    this.enabled = config.rateLimit().enabled();
    this.rate = config.rateLimit().requestsPerSecond();
    this.burst = config.rateLimit().burst();
  }

  /** Counts a request of {@code userId}; throws {@code rate-limited} when it is over the limit. */
  public void acquire(UUID userId) {
    if (!enabled) {
      return;
    }
    long now = System.nanoTime();
    long waitNanos =
        buckets.computeIfAbsent(userId, id -> new TokenBucket(burst, rate, now)).tryTake(now);
    if (waitNanos > 0) {
      int seconds = (int) Math.max(1, TimeUnit.NANOSECONDS.toSeconds(waitNanos - 1) + 1);
      throw GatewayException.retryLater(
          ProblemType.RATE_LIMITED,
          "Too many requests; at most " + rate + " per second are allowed on average.",
          seconds,
          null);
    }
  }

  /** Forgets the buckets of users who have been quiet long enough for theirs to refill. */
  @Scheduled(every = "60s", delayed = "60s")
  void forgetIdle() {
    long now = System.nanoTime();
    buckets.values().removeIf(bucket -> bucket.isFull(now));
  }
}
