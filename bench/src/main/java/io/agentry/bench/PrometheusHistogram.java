package io.agentry.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One histogram read from the Prometheus text of a {@code /q/metrics} page, summed over its labels
 * other than {@code le}: cumulative bucket counts by upper bound (seconds), the count and the sum.
 */
record PrometheusHistogram(TreeMap<Double, Double> buckets, double count, double sum) {

  static final PrometheusHistogram EMPTY = new PrometheusHistogram(new TreeMap<>(), 0, 0);

  /**
   * The histogram {@code name} (e.g. {@code agentry_executor_queue_wait_seconds}) in {@code page}.
   */
  static PrometheusHistogram parse(String page, String name) {
    TreeMap<Double, Double> buckets = new TreeMap<>();
    double count = 0;
    double sum = 0;
    for (String line : page.split("\n")) {
      if (line.startsWith("#") || !line.startsWith(name)) {
        continue;
      }
      String series = line.substring(0, line.lastIndexOf(' '));
      double value = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      String metric = series.contains("{") ? series.substring(0, series.indexOf('{')) : series;
      if (metric.equals(name + "_bucket")) {
        buckets.merge(upperBound(series), value, Double::sum);
      } else if (metric.equals(name + "_count")) {
        count += value;
      } else if (metric.equals(name + "_sum")) {
        sum += value;
      }
    }
    return new PrometheusHistogram(buckets, count, sum);
  }

  /** What was recorded between {@code before} and this. */
  PrometheusHistogram since(PrometheusHistogram before) {
    TreeMap<Double, Double> delta = new TreeMap<>();
    for (Map.Entry<Double, Double> bucket : buckets.entrySet()) {
      delta.put(
          bucket.getKey(), bucket.getValue() - before.buckets.getOrDefault(bucket.getKey(), 0.0));
    }
    return new PrometheusHistogram(delta, count - before.count, sum - before.sum);
  }

  double meanMs() {
    return count == 0 ? Double.NaN : sum / count * 1000;
  }

  /**
   * The {@code q} quantile in milliseconds, interpolated linearly inside the bucket where it falls
   * (so it is as precise as the buckets are); NaN when nothing was recorded.
   */
  double quantileMs(double q) {
    if (count <= 0) {
      return Double.NaN;
    }
    double target = q * count;
    double lower = 0;
    double below = 0;
    List<Map.Entry<Double, Double>> entries = new ArrayList<>(buckets.entrySet());
    for (Map.Entry<Double, Double> bucket : entries) {
      double upper = bucket.getKey();
      double cumulative = bucket.getValue();
      if (cumulative >= target) {
        if (Double.isInfinite(upper)) {
          return lower * 1000;
        }
        double inBucket = cumulative - below;
        double fraction = inBucket == 0 ? 1 : (target - below) / inBucket;
        return (lower + (upper - lower) * fraction) * 1000;
      }
      lower = upper;
      below = cumulative;
    }
    return lower * 1000;
  }

  private static double upperBound(String series) {
    int start = series.indexOf("le=\"") + 4;
    String le = series.substring(start, series.indexOf('"', start));
    return le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
  }
}
