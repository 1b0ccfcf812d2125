package io.agentry.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ExpiringCacheTest {

  /** A clock the test moves. */
  private static final class MovableClock extends Clock {
    private Instant now = Instant.parse("2026-12-08T00:00:00Z");

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  private final MovableClock clock = new MovableClock();

  @Test
  void eachEntryLivesUntilItsOwnTime() {
    ExpiringCache<String, String> cache = new ExpiringCache<>(10, clock);
    cache.put("short", "a", clock.instant().plusSeconds(5));
    cache.put("long", "b", clock.instant().plusSeconds(60));
    cache.put("past", "c", clock.instant().minusSeconds(1));

    clock.advance(Duration.ofSeconds(4));
    assertEquals("a", cache.get("short"));
    clock.advance(Duration.ofSeconds(1));
    assertNull(cache.get("short"));
    assertEquals("b", cache.get("long"));
    assertNull(cache.get("past"));
  }

  @Test
  void aFullCacheEvictsSomeEntriesNotAll() {
    ExpiringCache<Integer, Integer> cache = new ExpiringCache<>(100, clock);
    for (int i = 0; i < 100; i++) {
      cache.put(i, i, clock.instant().plusSeconds(60));
    }

    cache.put(100, 100, clock.instant().plusSeconds(60));

    assertEquals(100, cache.estimatedSize());
    int kept = 0;
    for (int i = 0; i <= 100; i++) {
      if (cache.get(i) != null) {
        kept++;
      }
    }
    assertEquals(100, kept);
  }

  @Test
  void entriesAreRemovedByKeyOrByValue() {
    ExpiringCache<String, String> cache = new ExpiringCache<>(10, clock);
    cache.put("a", "x", clock.instant().plusSeconds(60));
    cache.put("b", "y", clock.instant().plusSeconds(60));
    cache.put("c", "y", clock.instant().plusSeconds(60));

    cache.remove("a");
    cache.removeIf("y"::equals);

    assertNull(cache.get("a"));
    assertNull(cache.get("b"));
    assertNull(cache.get("c"));
  }
}
