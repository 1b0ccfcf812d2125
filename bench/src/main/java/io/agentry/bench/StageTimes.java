package io.agentry.bench;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-stage times from the services' own metrics: the histograms on the executor's and the results
 * service's {@code /q/metrics}, read before and after a run, so only that run's tasks count.
 */
final class StageTimes {

  /** A stage and the histogram that measures it. */
  record Stage(String name, URI metrics, String histogram, String meaning) {}

  /** One stage's numbers over a run. */
  record Measured(Stage stage, PrometheusHistogram histogram) {}

  private final PublicApi api;
  private final List<Stage> stages;

  StageTimes(PublicApi api, URI executorMetrics, URI resultsMetrics) {
    this.api = api;
    this.stages =
        List.of(
            new Stage(
                "queue wait",
                executorMetrics,
                "agentry_executor_queue_wait_seconds",
                "submittedAt to a worker taking the task (executor)"),
            new Stage(
                "run",
                executorMetrics,
                "agentry_executor_run_duration_seconds",
                "instantiation to the end of _start (executor)"),
            new Stage(
                "event publish",
                executorMetrics,
                "agentry_executor_event_publish_seconds",
                "terminal event sent to acknowledged by Kafka (executor)"),
            new Stage(
                "persist",
                resultsMetrics,
                "agentry_results_persist_lag_seconds",
                "a terminal event's time to its row committed (results)"));
  }

  /** The histograms now, to subtract later. */
  Map<Stage, PrometheusHistogram> snapshot() {
    Map<URI, String> pages = new LinkedHashMap<>();
    Map<Stage, PrometheusHistogram> now = new LinkedHashMap<>();
    for (Stage stage : stages) {
      String page;
      try {
        page = pages.computeIfAbsent(stage.metrics(), api::text);
      } catch (RuntimeException e) {
        page = "";
      }
      now.put(stage, PrometheusHistogram.parse(page, stage.histogram()));
    }
    return now;
  }

  /** What each stage recorded since {@code before}. */
  List<Measured> since(Map<Stage, PrometheusHistogram> before) {
    List<Measured> measured = new ArrayList<>();
    snapshot()
        .forEach(
            (stage, now) ->
                measured.add(
                    new Measured(
                        stage, now.since(before.getOrDefault(stage, PrometheusHistogram.EMPTY)))));
    return measured;
  }
}
