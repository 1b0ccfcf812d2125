package io.agentry.gateway;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * A small thread-safe map whose entries expire at a time given per entry. When it is full, expired
 * entries are dropped, and if none are, the whole map is cleared: a cold cache costs a lookup,
 * never a wrong answer.
 */
public final class ExpiringCache<K, V> {

  private record Entry<V>(V value, Instant until) {}

  private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();
  private final int maxSize;
  private final Clock clock;

  public ExpiringCache(int maxSize, Clock clock) {
    this.maxSize = maxSize;
    this.clock = clock;
  }

  /** The value stored for {@code key}, or null when there is none or it has expired. */
  public V get(K key) {
    Entry<V> entry = entries.get(key);
    if (entry == null) {
      return null;
    }
    if (!clock.instant().isBefore(entry.until())) {
      entries.remove(key, entry);
      return null;
    }
    return entry.value();
  }

  /** Stores {@code value} until {@code until}; a time already past stores nothing. */
  public void put(K key, V value, Instant until) {
    Instant now = clock.instant();
    if (!now.isBefore(until)) {
      return;
    }
    if (entries.size() >= maxSize) {
      entries.values().removeIf(entry -> !now.isBefore(entry.until()));
      if (entries.size() >= maxSize) {
        entries.clear();
      }
    }
    entries.put(key, new Entry<>(value, until));
  }

  public void remove(K key) {
    entries.remove(key);
  }

  /** Removes every entry whose value matches. */
  public void removeIf(Predicate<? super V> matching) {
    entries.values().removeIf(entry -> matching.test(entry.value()));
  }
}
