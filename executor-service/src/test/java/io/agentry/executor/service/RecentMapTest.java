package io.agentry.executor.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RecentMapTest {

  private final AtomicLong clock = new AtomicLong();

  @Test
  void pastTheBoundTheOldestEntryGoesFirst() {
    RecentMap<String, Integer> map = new RecentMap<>(2, null, clock::get);
    map.put("a", 1);
    map.put("b", 2);

    map.put("c", 3);

    assertNull(map.get("a"));
    assertEquals(2, map.get("b"));
    assertEquals(3, map.get("c"));
    assertEquals(2, map.size());
  }

  @Test
  void anEntryPutAgainBecomesTheNewest() {
    RecentMap<String, Integer> map = new RecentMap<>(2, null, clock::get);
    map.put("a", 1);
    map.put("b", 2);
    map.put("a", 10);

    map.put("c", 3);

    assertEquals(10, map.get("a"));
    assertNull(map.get("b"));
  }

  @Test
  void anEntryExpiresOnceItsTimeToLivePassed() {
    RecentMap<String, Integer> map = new RecentMap<>(10, Duration.ofMinutes(10), clock::get);
    map.put("old", 1);
    clock.addAndGet(Duration.ofMinutes(6).toNanos());
    map.put("young", 2);

    clock.addAndGet(Duration.ofMinutes(5).toNanos());

    assertNull(map.get("old"));
    assertEquals(2, map.get("young"));
    assertEquals(1, map.size());
  }
}
