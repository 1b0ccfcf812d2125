package io.agentry.registry.security;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Counts attempts per key (a client address, a username) in token buckets held in memory: at most
 * {@code limit} at once, completely forgiven in {@code period}. Memory is bounded: full buckets are
 * forgotten once a minute (a full bucket is the same as none), and past {@code maxKeys} the least
 * recently seen key is dropped. Thread-safe; attempts are rare enough for one lock.
 */
public final class AttemptLimiter {

  private static final long SWEEP_EVERY_NANOS = Duration.ofMinutes(1).toNanos();

  private final int limit;
  private final long interval;
  private final LongSupplier clock;
  private final Map<String, TokenBucket> buckets;
  private long nextSweep;

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
    this.limit = limit;
    this.interval = Math.max(1, period.toNanos() / limit);
    this.clock = clock;
    this.buckets =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, TokenBucket> eldest) {
            return size() > maxKeys;
          }
        };
    this.nextSweep = clock.getAsLong() + SWEEP_EVERY_NANOS;
  }

  /**
   * Counts an attempt of {@code key} and returns zero, or, when its attempts are used up, counts
   * nothing and returns how long until the next one is allowed.
   */
  public synchronized Duration tryAcquire(String key) {
    long now = clock.getAsLong();
    sweepIfDue(now);
    TokenBucket bucket = buckets.get(key);
    if (bucket == null) {
      bucket = new TokenBucket(interval, limit, now);
      buckets.put(key, bucket);
    }
    return Duration.ofNanos(bucket.tryTake(now));
  }

  /** Uncounts an attempt of {@code key} acquired earlier. */
  public synchronized void release(String key) {
    TokenBucket bucket = buckets.get(key);
    if (bucket != null) {
      bucket.giveBack();
    }
  }

  /** How many keys are tracked. */
  public synchronized int size() {
    return buckets.size();
  }

  private void sweepIfDue(long now) {
    if (now - nextSweep < 0) {
      return;
    }
    nextSweep = now + SWEEP_EVERY_NANOS;
    for (Iterator<TokenBucket> it = buckets.values().iterator(); it.hasNext(); ) {
      if (it.next().isFull(now)) {
        it.remove();
      }
    }
  }
}
