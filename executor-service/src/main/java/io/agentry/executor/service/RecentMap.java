package io.agentry.executor.service;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The most recently put entries: at most {@code maxEntries}, each for at most {@code ttl}; the
 * oldest go first. Memory stays bounded however many keys pass through. Thread-safe.
 */
final class RecentMap<K, V> {

  private final int maxEntries;
  private final long ttlNanos;
  private final LongSupplier nanoTime;
  private final LinkedHashMap<K, Entry<V>> entries = new LinkedHashMap<>();

  /**
   * @param ttl how long an entry is kept, or null to keep it until newer ones push it out
   * @param nanoTime the clock, {@code System::nanoTime} outside tests
   */
  RecentMap(int maxEntries, Duration ttl, LongSupplier nanoTime) {
    if (maxEntries < 1) {
      throw new IllegalArgumentException("maxEntries must be at least 1, was " + maxEntries);
    }
    this.maxEntries = maxEntries;
    this.ttlNanos = ttl == null ? Long.MAX_VALUE : ttl.toNanos();
    this.nanoTime = nanoTime;
  }

  /** Keeps {@code value} under {@code key} as the newest entry, replacing any older one. */
  synchronized void put(K key, V value) {
    long now = nanoTime.getAsLong();
    entries.remove(key);
    entries.put(key, new Entry<>(value, now));
    trim(now);
  }

  /** The value kept under {@code key}, or null when there is none or it expired. */
  synchronized V get(K key) {
    trim(nanoTime.getAsLong());
    Entry<V> entry = entries.get(key);
    return entry == null ? null : entry.value();
  }

  /** Forgets {@code key}. */
  synchronized void remove(K key) {
    entries.remove(key);
  }

  /** How many entries are kept. */
  synchronized int size() {
    trim(nanoTime.getAsLong());
    return entries.size();
  }

  /** Entries are in insertion order, which is also expiry order: only the eldest need checking. */
  private void trim(long now) {
    Iterator<Map.Entry<K, Entry<V>>> oldestFirst = entries.entrySet().iterator();
    while (oldestFirst.hasNext()) {
      Entry<V> oldest = oldestFirst.next().getValue();
      if (entries.size() <= maxEntries && now - oldest.putAtNanos() < ttlNanos) {
        return;
      }
      oldestFirst.remove();
    }
  }

  private record Entry<V>(V value, long putAtNanos) {}
}
