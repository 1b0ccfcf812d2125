package io.agentry.gateway.security;

import io.agentry.gateway.config.GatewayConfig;
import io.agentry.gateway.problem.GatewayException;
import io.agentry.gateway.problem.ProblemType;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * Bounds failed authentications per client address (bogus API keys and tokens cost a registry call
 * or a signature check each): past {@code auth.failures-per-address} in {@code
 * auth.failures-period} an address gets 429 {@code rate-limited} before its credentials are looked
 * at, until one failure is forgiven. Requests with valid credentials never count.
 */
@ApplicationScoped
public class AuthFailures {

  private final KeyedBuckets<String> failures;

  public AuthFailures(GatewayConfig config) {
    this.failures =
        new KeyedBuckets<>(
            config.auth().failuresPerAddress(),
            config.auth().failuresPeriod(),
            config.auth().cacheSize() * 10L,
            System::nanoTime);
  }

  /** Refuses {@code address} with 429 while its failures are used up. */
  public void checkAllowed(String address) {
    Duration wait = failures.waitFor(key(address));
    if (!wait.isZero()) {
      throw refused(wait);
    }
  }

  /** Counts a failed authentication from {@code address}. */
  public void failed(String address) {
    failures.tryTake(key(address));
  }

  /** Whole seconds, at least one, that {@code wait} rounds up to. */
  static int seconds(Duration wait) {
    return (int) Math.max(1, (wait.toNanos() + 999_999_999L) / 1_000_000_000L);
  }

  private static String key(String address) {
    return address == null ? "unknown" : address;
  }

  private static GatewayException refused(Duration wait) {
    return GatewayException.retryLater(
        ProblemType.RATE_LIMITED,
        "Too many requests with invalid credentials from your address; try again in "
            + seconds(wait)
            + " seconds.",
        seconds(wait),
        null);
  }
}
