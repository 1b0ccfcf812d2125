package io.agentry.gateway.security;

import io.agentry.gateway.config.GatewayConfig;
import io.agentry.gateway.problem.GatewayException;
import io.agentry.gateway.problem.ProblemType;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.UUID;

/**
 * Limits each user's request rate with a token bucket held in this instance's memory (so several
 * gateway replicas together allow their number times the configured rate).
 */
@ApplicationScoped
public class RateLimiter {

  private final boolean enabled;
  private final double rate;
  private final KeyedBuckets<UUID> buckets;

  public RateLimiter(GatewayConfig config) {
    this.enabled = config.rateLimit().enabled();
    this.rate = config.rateLimit().requestsPerSecond();
    this.buckets =
        KeyedBuckets.ofRate(rate, config.rateLimit().burst(), config.auth().cacheSize() * 10L);
  }

  /** Counts a request of {@code userId}; throws {@code rate-limited} when it is over the limit. */
  public void acquire(UUID userId) {
    if (!enabled) {
      return;
    }
    Duration wait = buckets.tryTake(userId);
    if (!wait.isZero()) {
      throw GatewayException.retryLater(
          ProblemType.RATE_LIMITED,
          "Too many requests; at most " + rate + " per second are allowed on average.",
          AuthFailures.seconds(wait),
          null);
    }
  }
}
