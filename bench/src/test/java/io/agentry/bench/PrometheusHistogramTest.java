package io.agentry.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PrometheusHistogramTest {

  private static final String BEFORE =
      """
      # HELP agentry_executor_run_duration_seconds Time in the sandbox
      # TYPE agentry_executor_run_duration_seconds histogram
      agentry_executor_run_duration_seconds_bucket{status="SUCCEEDED",le="0.001"} 10.0
      agentry_executor_run_duration_seconds_bucket{status="SUCCEEDED",le="0.01"} 10.0
      agentry_executor_run_duration_seconds_bucket{status="SUCCEEDED",le="+Inf"} 10.0
      agentry_executor_run_duration_seconds_count{status="SUCCEEDED"} 10.0
      agentry_executor_run_duration_seconds_sum{status="SUCCEEDED"} 0.005
      agentry_executor_run_duration_seconds_max{status="SUCCEEDED"} 0.0009
      agentry_executor_workers 2.0
      """;

  private static final String AFTER =
      """
      agentry_executor_run_duration_seconds_bucket{status="SUCCEEDED",le="0.001"} 60.0
      agentry_executor_run_duration_seconds_bucket{status="SUCCEEDED",le="0.01"} 100.0
      agentry_executor_run_duration_seconds_bucket{status="SUCCEEDED",le="+Inf"} 110.0
      agentry_executor_run_duration_seconds_count{status="SUCCEEDED"} 110.0
      agentry_executor_run_duration_seconds_sum{status="SUCCEEDED"} 1.005
      agentry_executor_run_duration_seconds_bucket{status="FAILED",le="0.001"} 0.0
      agentry_executor_run_duration_seconds_bucket{status="FAILED",le="0.01"} 10.0
      agentry_executor_run_duration_seconds_bucket{status="FAILED",le="+Inf"} 10.0
      agentry_executor_run_duration_seconds_count{status="FAILED"} 10.0
      agentry_executor_run_duration_seconds_sum{status="FAILED"} 0.05
      """;

  private static final String NAME = "agentry_executor_run_duration_seconds";

  @Test
  void sumsTheSeriesOfEveryLabelAndIgnoresOtherMetrics() {
    PrometheusHistogram after = PrometheusHistogram.parse(AFTER, NAME);

    assertEquals(120, after.count());
    assertEquals(1.055, after.sum(), 1e-9);
    assertEquals(60, after.buckets().get(0.001));
    assertEquals(110, after.buckets().get(0.01));
    assertEquals(120, after.buckets().get(Double.POSITIVE_INFINITY));
  }

  @Test
  void theDifferenceHoldsOnlyWhatWasRecordedInBetween() {
    PrometheusHistogram run =
        PrometheusHistogram.parse(AFTER, NAME).since(PrometheusHistogram.parse(BEFORE, NAME));

    assertEquals(110, run.count());
    assertEquals(1050.0 / 110, run.meanMs(), 1e-9);
    assertEquals(50, run.buckets().get(0.001));
    assertEquals(100, run.buckets().get(0.01));
  }

  @Test
  void quantilesInterpolateInsideTheirBucket() {
    PrometheusHistogram run =
        PrometheusHistogram.parse(AFTER, NAME).since(PrometheusHistogram.parse(BEFORE, NAME));

    // 50 of 110 are at most 1 ms; the median (55th) is 5 of the 50 between 1 and 10 ms.
    assertEquals(1 + 9 * 5.0 / 50, run.quantileMs(0.5), 1e-9);
    // The 99th percentile falls in +Inf: only its lower bound is known.
    assertEquals(10, run.quantileMs(0.99), 1e-9);
  }

  @Test
  void anAbsentHistogramHasNoQuantile() {
    PrometheusHistogram none = PrometheusHistogram.parse("other_metric 1.0\n", NAME);

    assertEquals(0, none.count());
    assertTrue(Double.isNaN(none.quantileMs(0.5)));
    assertTrue(Double.isNaN(none.meanMs()));
  }
}
