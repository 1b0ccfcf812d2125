package io.agentry.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LatenciesTest {

  @Test
  void percentilesAreNearestRankInMilliseconds() {
    Latencies latencies = new Latencies();
    for (int ms = 100; ms >= 1; ms--) {
      latencies.add(ms * 1_000_000L);
    }

    assertEquals(100, latencies.count());
    assertEquals(50, latencies.percentileMs(0.50));
    assertEquals(99, latencies.percentileMs(0.99));
    assertEquals(100, latencies.percentileMs(1));
    assertEquals(100, latencies.maxMs());
  }

  @Test
  void growsPastItsFirstCapacity() {
    Latencies latencies = new Latencies();
    for (int i = 0; i < 5_000; i++) {
      latencies.add(1_000_000L);
    }
    latencies.add(7_000_000L);

    assertEquals(5_001, latencies.count());
    assertEquals(7, latencies.maxMs());
  }

  @Test
  void nothingRecordedHasNoPercentile() {
    assertTrue(Double.isNaN(new Latencies().percentileMs(0.5)));
    assertEquals("n/a / n/a / n/a / n/a ms", new Latencies().summary());
  }
}
