package io.agentry.gateway;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;

/**
 * A bounded, thread-safe cache (Caffeine) whose entries expire at a time given per entry, such as a
 * token's own expiry. When it is full, Caffeine evicts the entries least likely to be used again,
 * never the whole cache.
 */
public final class ExpiringCache<K, V> {

  private record Entry<V>(V value, Instant until) {}

  private final Cache<K, Entry<V>> entries;
  private final Clock clock;

  public ExpiringCache(int maxSize, Clock clock) {
    this.clock = clock;
    this.entries =
        Caffeine.newBuilder()
            .maximumSize(maxSize)
            .ticker(() -> nanosOf(clock.instant()))
            .expireAfter(new UntilItsTime<K, V>(clock))
            .build();
  }

  /** The value stored for {@code key}, or null when there is none or it has expired. */
  public V get(K key) {
    Entry<V> entry = entries.getIfPresent(key);
    if (entry == null || !clock.instant().isBefore(entry.until())) {
      return null;
    }
    return entry.value();
  }

  /** Stores {@code value} until {@code until}; a time already past stores nothing. */
  public void put(K key, V value, Instant until) {
    if (!clock.instant().isBefore(until)) {
      return;
    }
    entries.put(key, new Entry<>(value, until));
  }

  public void remove(K key) {
    entries.invalidate(key);
  }

  /** Removes every entry whose value matches. */
  public void removeIf(Predicate<? super V> matching) {
    entries.asMap().values().removeIf(entry -> matching.test(entry.value()));
  }

  /** Runs Caffeine's pending maintenance (evictions) now; for tests that count entries. */
  long estimatedSize() {
    entries.cleanUp();
    return entries.estimatedSize();
  }

  private static long nanosOf(Instant instant) {
    return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
  }

  /** Each entry lives until its own time; a read does not extend it. */
  private record UntilItsTime<K, V>(Clock clock) implements Expiry<K, Entry<V>> {

    @Override
    public long expireAfterCreate(K key, Entry<V> entry, long currentTime) {
      return Math.max(0, Duration.between(clock.instant(), entry.until()).toNanos());
    }

    @Override
    public long expireAfterUpdate(K key, Entry<V> entry, long currentTime, long currentDuration) {
      return expireAfterCreate(key, entry, currentTime);
    }

    @Override
    public long expireAfterRead(K key, Entry<V> entry, long currentTime, long currentDuration) {
      return currentDuration;
    }
  }
}
