package io.agentry.gateway.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A Bucket4j token bucket per key (a user, a client address): {@code capacity} at once, refilled at
 * {@code capacity} per {@code period}. Buckets live in a bounded Caffeine cache; one untouched for
 * a whole period is full again and is forgotten. Thread-safe. Memory per replica, so several
 * gateway replicas together allow their number times the limit.
 */
public final class KeyedBuckets<K> {

  private final Bandwidth bandwidth;
  private final TimeMeter time;
  private final Cache<K, Bucket> buckets;

  /**
   * @param clock nanoseconds, as {@link System#nanoTime()}
   */
  public KeyedBuckets(long capacity, Duration period, long maxKeys, LongSupplier clock) {
    if (capacity < 1 || period.isNegative() || period.isZero() || maxKeys < 1) {
      throw new IllegalArgumentException("a bucket needs a capacity, a period and room for a key");
    }
    this.bandwidth = Bandwidth.builder().capacity(capacity).refillGreedy(capacity, period).build();
    this.time =
        new TimeMeter() {
          @Override
          public long currentTimeNanos() {
            return clock.getAsLong();
          }

          @Override
          public boolean isWallClockBased() {
            return false;
          }
        };
    this.buckets =
        Caffeine.newBuilder()
            .maximumSize(maxKeys)
            .expireAfterAccess(period)
            .ticker(clock::getAsLong)
            .executor(Runnable::run)
            .build();
  }

  /** Buckets of {@code burst} tokens at once, refilled at {@code rate} tokens a second. */
  public static <K> KeyedBuckets<K> ofRate(double rate, int burst, long maxKeys) {
    // The bucket refills burst tokens in burst / rate seconds: rate tokens a second.
    return new KeyedBuckets<>(
        burst,
        Duration.ofNanos(Math.max(1, (long) (burst / rate * 1e9))),
        maxKeys,
        System::nanoTime);
  }

  /** Takes a token of {@code key}: zero, or how long until one is there (nothing taken). */
  public Duration tryTake(K key) {
    ConsumptionProbe probe = bucket(key).tryConsumeAndReturnRemaining(1);
    return probe.isConsumed() ? Duration.ZERO : Duration.ofNanos(probe.getNanosToWaitForRefill());
  }

  /** How long until {@code key} has a token, without taking one; zero when it has one now. */
  public Duration waitFor(K key) {
    Bucket bucket = buckets.getIfPresent(key);
    if (bucket == null) {
      return Duration.ZERO;
    }
    var estimate = bucket.estimateAbilityToConsume(1);
    return estimate.canBeConsumed()
        ? Duration.ZERO
        : Duration.ofNanos(estimate.getNanosToWaitForRefill());
  }

  private Bucket bucket(K key) {
    return buckets.get(
        key, k -> Bucket.builder().addLimit(bandwidth).withCustomTimePrecision(time).build());
  }
}
