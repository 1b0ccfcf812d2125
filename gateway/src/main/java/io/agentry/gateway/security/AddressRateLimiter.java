package io.agentry.gateway.security;

import io.agentry.gateway.config.GatewayConfig;
import io.agentry.gateway.problem.GatewayException;
import io.agentry.gateway.problem.ProblemType;
import io.agentry.gateway.web.WebConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;

/**
 * Limits the rate of anonymous reads per client address, with the same keyed token buckets as
 * {@link RateLimiter} uses per user. The address is the one {@code X-Forwarded-For} carries to the
 * services: the peer's, or a trusted proxy's forwarded one. Lifted, like the users' limit, with
 * {@code agentry.gateway.rate-limit.enabled=false}.
 */
@ApplicationScoped
public class AddressRateLimiter {

  private final boolean enabled;
  private final double rate;
  private final KeyedBuckets<String> buckets;

  @Inject
  public AddressRateLimiter(WebConfig config, GatewayConfig gateway) {
    this(
        gateway.rateLimit().enabled(),
        config.anonymousReads().requestsPerSecond(),
        config.anonymousReads().burst(),
        gateway.auth().cacheSize() * 10L);
  }

  /**
   * @param enabled false lifts the limit, as {@code agentry.gateway.rate-limit.enabled=false} does
   *     for users
   */
  AddressRateLimiter(boolean enabled, double rate, int burst, long maxAddresses) {
    this.enabled = enabled;
    this.rate = rate;
    this.buckets = KeyedBuckets.ofRate(rate, burst, maxAddresses);
  }

  /**
   * Counts an anonymous request from {@code address}; throws {@code rate-limited} over the limit.
   */
  public void acquire(String address) {
    if (!enabled) {
      return;
    }
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
