package io.agentry.registry.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Counts attempts per key (a client address, a username): a Bucket4j token bucket per key, at most
 * {@code limit} at once, one forgiven every {@code period / limit}. The buckets live in a bounded
 * Caffeine cache: a bucket not touched for a whole {@code period} is full again and is forgotten,
 * and past {@code maxKeys} the cache drops the keys it expects to matter least. Thread-safe.
 */
public final class AttemptLimiter {

  private final Bandwidth bandwidth;
  private final TimeMeter time;
  private final Cache<String, Bucket> buckets;

  /**
   * @param limit attempts allowed at once
   * @param period the time in which {@code limit} spent attempts are completely forgiven
   * @param maxKeys the most keys tracked
   * @param clock nanoseconds, as {@link System#nanoTime()}
   */
  public AttemptLimiter(int limit, Duration period, int maxKeys, LongSupplier clock) {
    if (limit < 1 || period.isNegative() || period.isZero() || maxKeys < 1) {
      throw new IllegalArgumentException(
          "a limit needs at least one attempt, a positive period and room for one key");
    }
    this.bandwidth = Bandwidth.builder().capacity(limit).refillGreedy(limit, period).build();
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

  /**
   * Counts an attempt of {@code key} and returns zero, or, when its attempts are used up, counts
   * nothing and returns how long until the next one is allowed.
   */
  public Duration tryAcquire(String key) {
    ConsumptionProbe probe = bucket(key).tryConsumeAndReturnRemaining(1);
    return probe.isConsumed() ? Duration.ZERO : Duration.ofNanos(probe.getNanosToWaitForRefill());
  }

  /** Uncounts an attempt of {@code key} acquired earlier. */
  public void release(String key) {
    Bucket bucket = buckets.getIfPresent(key);
    if (bucket != null) {
      bucket.addTokens(1);
    }
  }

  /** How many keys are tracked. */
  public long size() {
    buckets.cleanUp();
    return buckets.estimatedSize();
  }

  private Bucket bucket(String key) {
    return buckets.get(
        key, k -> Bucket.builder().addLimit(bandwidth).withCustomTimePrecision(time).build());
  }
}
