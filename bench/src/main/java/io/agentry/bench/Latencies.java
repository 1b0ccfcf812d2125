package io.agentry.bench;

import java.util.Arrays;

/** Recorded durations in nanoseconds, summarised as percentiles in milliseconds. */
final class Latencies {

  private long[] nanos = new long[1024];
  private int count;

  synchronized void add(long value) {
    if (count == nanos.length) {
      nanos = Arrays.copyOf(nanos, count * 2);
    }
    nanos[count++] = value;
  }

  synchronized int count() {
    return count;
  }

  /** The {@code q} quantile (0 to 1) in milliseconds, nearest rank; NaN when nothing was added. */
  synchronized double percentileMs(double q) {
    if (count == 0) {
      return Double.NaN;
    }
    long[] sorted = Arrays.copyOf(nanos, count);
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(q * count);
    return sorted[Math.max(0, Math.min(count - 1, rank - 1))] / 1e6;
  }

  synchronized double maxMs() {
    long max = 0;
    for (int i = 0; i < count; i++) {
      max = Math.max(max, nanos[i]);
    }
    return count == 0 ? Double.NaN : max / 1e6;
  }

  /** "p50 / p95 / p99 / max" in milliseconds. */
  String summary() {
    return String.format(
        "%s / %s / %s / %s ms",
        Report.ms(percentileMs(0.50)),
        Report.ms(percentileMs(0.95)),
        Report.ms(percentileMs(0.99)),
        Report.ms(maxMs()));
  }
}
