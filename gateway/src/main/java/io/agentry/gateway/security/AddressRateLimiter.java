package io.agentry.gateway.security;

import io.agentry.gateway.config.GatewayConfig;
import io.agentry.gateway.problem.GatewayException;
import io.agentry.gateway.problem.ProblemType;
import io.agentry.gateway.web.WebConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * Limits the rate of anonymous reads per client address, with the same keyed token buckets as
 * {@link RateLimiter} uses per user. The address is the one {@code X-Forwarded-For} carries to the
 * services: the peer's, or a trusted proxy's forwarded one.
 */
@ApplicationScoped
public class AddressRateLimiter {

  private final double rate;
  private final KeyedBuckets<String> buckets;

  public AddressRateLimiter(WebConfig config, GatewayConfig gateway) {
    this.rate = config.anonymousReads().requestsPerSecond();
    int burst = config.anonymousReads().burst();
    // The bucket refills burst tokens in burst / rate seconds: rate tokens a second.
    this.buckets =
        new KeyedBuckets<>(
            burst,
            Duration.ofNanos(Math.max(1, (long) (burst / rate * 1e9))),
            gateway.auth().cacheSize() * 10L,
            System::nanoTime);
  }

  /**
   * Counts an anonymous request from {@code address}; throws {@code rate-limited} over the limit.
   */
  public void acquire(String address) {
    Duration wait = buckets.tryTake(address == null ? "unknown" : address);
    if (!wait.isZero()) {
      throw GatewayException.retryLater(
          ProblemType.RATE_LIMITED,
          "Too many requests without credentials from your address; at most "
              + rate
              + " per second are allowed on average. Sign in or send an API key for more.",
          AuthFailures.seconds(wait),
          null);
    }
  }
}
