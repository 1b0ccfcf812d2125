package io.agentry.bench;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** The measurements of a running platform: each method adds its sections to the report. */
final class PlatformBench implements AutoCloseable {

  private static final double TARGET_FIRST_TASK_MS = 1_000;
  private static final double TARGET_P99_MS = 250;
  private static final double TARGET_COMPLETED_PER_SECOND = 1_000;
  private static final int FIRST_TASKS = 3;

  private final Options options;
  private final Report report;
  private final Path root = Path.of("").toAbsolutePath();
  private final PublicApi api;
  private final TerminalEvents terminals;
  private final StageTimes stages;
  private final String apiKey;
  private final byte[] tinyBinary;

  PlatformBench(Options options, Report report) {
    this.options = options;
    this.report = report;
    URI url = URI.create(options.text("url", "http://127.0.0.1:8080/api/v1"));
    this.api = new PublicApi(url, Math.max(256, options.integer("concurrency", 64)));
    this.terminals = new TerminalEvents(options.text("bootstrap", "127.0.0.1:9092"));
    this.stages =
        new StageTimes(
            api,
            URI.create(options.text("executor-metrics", "http://127.0.0.1:8083/q/metrics")),
            URI.create(options.text("results-metrics", "http://127.0.0.1:8082/q/metrics")));
    this.apiKey = api.newUser();
    // One binary for every load run of this process: compiled once, during the warm-up.
    this.tinyBinary = BenchAgents.unique(BenchAgents.tiny(root));
    report.line("# Agentry benchmark report");
    report.line("");
    report.line(
        String.format(
            "%s, %d cores, Java %s, platform at %s",
            Instant.now().toString().substring(0, 19) + "Z",
            Runtime.getRuntime().availableProcessors(),
            Runtime.version(),
            url));
  }

  /** Every platform measurement, in the order the issue of record lists them. */
  void all() throws InterruptedException {
    memory("Idle memory (after start, before any load)");
    firstTasks();
    warmUp();
    loadRun(
        "Latency at a fixed offered rate",
        new LoadRun.Shape(options.integer("tasks", 4_000), options.integer("rate", 200), 0),
        TARGET_P99_MS,
        0);
    loadRun(
        "Throughput of concurrent clients",
        new LoadRun.Shape(
            options.integer("max-tasks", 20_000), 0, options.integer("concurrency", 64)),
        0,
        TARGET_COMPLETED_PER_SECOND);
    memory("Memory after the load");
  }

  /** One load run as the options describe it. */
  void load() throws InterruptedException {
    warmUp();
    int rate = options.integer("rate", 0);
    loadRun(
        "Load",
        new LoadRun.Shape(
            options.integer("tasks", 10_000),
            rate,
            rate > 0 ? 0 : options.integer("concurrency", 64)),
        rate > 0 ? TARGET_P99_MS : 0,
        rate > 0 ? 0 : TARGET_COMPLETED_PER_SECOND);
  }

  /** Each service's resident memory now. */
  void memoryNow() {
    memory("Memory");
  }

  /** A CPU-bound agent on the running executors, then with one more executor process. */
  void scale() throws InterruptedException, IOException {
    ExtraExecutor extra = new ExtraExecutor(root, options);
    long iterations = options.integer("iterations", 100_000_000);
    byte[] busy = BenchAgents.busy(iterations);
    String agentId = upload("bench-busy", busy);
    int tasks = options.integer("tasks", 80);
    int concurrency = options.integer("concurrency", 32);
    Buffer body = taskBody(agentId);
    report.heading(
        "Scale-out: a CPU-bound agent ("
            + String.format("%,d", iterations)
            + " loop iterations a task)");
    // Warm-ups, not measured: each executor compiles the module, and its JIT the compiled code.
    LoadRun.Shape warmUp = new LoadRun.Shape(Math.max(10, tasks / 4), 0, concurrency);
    new LoadRun(api, terminals, apiKey, body, 300).run(warmUp);
    LoadRun.Result one =
        new LoadRun(api, terminals, apiKey, body, 300)
            .run(new LoadRun.Shape(tasks, 0, concurrency));
    extra.start();
    new LoadRun(api, terminals, apiKey, body, 300).run(warmUp);
    LoadRun.Result two;
    try {
      two =
          new LoadRun(api, terminals, apiKey, body, 300)
              .run(new LoadRun.Shape(tasks, 0, concurrency));
    } finally {
      extra.stop();
    }
    report.table(
        List.of(
            "executors",
            "worker threads each",
            "tasks",
            "completed/s",
            "submit-to-finished p50 / p99",
            "lost"),
        List.of(scaleRow("1", extra.workers(), one), scaleRow("2", extra.workers(), two)));
    report.line("");
    report.line(
        String.format(
            "Throughput with two executors: %.2fx of one.",
            two.completedPerSecond() / one.completedPerSecond()));
  }

  private static List<String> scaleRow(String executors, String workers, LoadRun.Result result) {
    return List.of(
        executors,
        workers,
        Integer.toString(result.finished()),
        String.format("%.1f", result.completedPerSecond()),
        Report.ms(result.submitToFinished().percentileMs(0.5))
            + " / "
            + Report.ms(result.submitToFinished().percentileMs(0.99))
            + " ms",
        Integer.toString(result.lost()));
  }

  private void memory(String title) {
    report.heading(title);
    List<List<String>> rows = new ArrayList<>();
    for (ServiceMemory.Rss rss : ServiceMemory.read(root.resolve(".agentry/run"))) {
      rows.add(
          List.of(
              rss.name(),
              rss.mib() < 0 ? "unknown" : rss.mib() + " MiB",
              rss.mib() < 0 ? "" : Report.verdict(rss.mib() <= ServiceMemory.TARGET_MIB)));
    }
    report.table(List.of("service", "RSS", "target <= " + ServiceMemory.TARGET_MIB + " MiB"), rows);
  }

  /** Newly uploaded agents (each with a binary nobody ran before): their first task, one by one. */
  private void firstTasks() throws InterruptedException {
    report.heading("First task of a newly uploaded agent (fetch and compile included)");
    List<List<String>> rows = new ArrayList<>();
    double worst = 0;
    for (int i = 1; i <= FIRST_TASKS; i++) {
      String agentId = upload("bench-first", BenchAgents.unique(BenchAgents.tiny(root)));
      Map<StageTimes.Stage, PrometheusHistogram> before = stages.snapshot();
      LoadRun.Result result =
          new LoadRun(api, terminals, apiKey, taskBody(agentId), 30)
              .run(new LoadRun.Shape(1, 0, 1));
      double ms = result.submitToFinished().percentileMs(1);
      worst = Math.max(worst, Double.isNaN(ms) ? Double.POSITIVE_INFINITY : ms);
      List<String> row =
          new ArrayList<>(
              List.of(Integer.toString(i), Report.ms(ms) + " ms", result.byStatus().toString()));
      for (StageTimes.Measured stage : stages.since(before)) {
        row.add(Report.ms(stage.histogram().meanMs()));
      }
      rows.add(row);
    }
    List<String> header = new ArrayList<>(List.of("agent", "submit to finished", "status"));
    stages.since(stages.snapshot()).forEach(stage -> header.add(stage.stage().name() + " ms"));
    report.table(header, rows);
    report.line("");
    report.line(
        String.format(
            "Target: within %.0f ms: worst %s ms, %s",
            TARGET_FIRST_TASK_MS, Report.ms(worst), Report.verdict(worst <= TARGET_FIRST_TASK_MS)));
  }

  private void warmUp() throws InterruptedException {
    int tasks = options.integer("warmup", 5_000);
    if (tasks <= 0) {
      return;
    }
    String agentId = upload("bench-warmup", tinyBinary);
    System.out.printf("warming up with %,d tasks...%n", tasks);
    LoadRun.Result result =
        new LoadRun(api, terminals, apiKey, taskBody(agentId), 120)
            .run(new LoadRun.Shape(tasks, 0, 32));
    System.out.printf(
        "warm-up: %.0f accepted/s, %.0f completed/s, %d lost%n",
        result.acceptedPerSecond(), result.completedPerSecond(), result.lost());
  }

  private void loadRun(
      String title, LoadRun.Shape shape, double targetP99Ms, double targetPerSecond)
      throws InterruptedException {
    String agentId = upload("bench-load", tinyBinary);
    Map<StageTimes.Stage, PrometheusHistogram> before = stages.snapshot();
    LoadRun.Result result =
        new LoadRun(
                api, terminals, apiKey, taskBody(agentId), options.integer("drain-seconds", 120))
            .run(shape);
    List<StageTimes.Measured> measured = stages.since(before);
    long persisted = persistedCount(agentId, result.finished());

    report.heading(title + ": " + shape.describe());
    report.table(
        List.of("measure", "value"),
        List.of(
            List.of(
                "accepted",
                String.format(
                    "%,d (%.0f/s over %.1f s)",
                    result.accepted(), result.acceptedPerSecond(), result.submitSeconds())),
            List.of(
                "refused",
                result.refusedByStatus().isEmpty() ? "0" : result.refusedByStatus().toString()),
            List.of("transport errors", Integer.toString(result.transportErrors())),
            List.of("finished", String.format("%,d %s", result.finished(), result.byStatus())),
            List.of("completed/s", String.format("%.0f", result.completedPerSecond())),
            List.of("lost (accepted, never finished)", Integer.toString(result.lost())),
            List.of("repeated terminal events", Long.toString(result.repeatedTerminals())),
            List.of("persisted (the agent's stats)", String.format("%,d", persisted)),
            List.of("202 latency p50 / p95 / p99 / max", result.accept().summary()),
            List.of(
                "submit to finished p50 / p95 / p99 / max", result.submitToFinished().summary())));
    report.line("");
    report.line(
        "Stages, from the services' own metrics (histogram buckets, so percentiles are approximate):");
    report.line("");
    List<List<String>> rows = new ArrayList<>();
    for (StageTimes.Measured stage : measured) {
      PrometheusHistogram h = stage.histogram();
      rows.add(
          List.of(
              stage.stage().name(),
              stage.stage().meaning(),
              String.format("%,.0f", h.count()),
              Report.ms(h.meanMs()),
              Report.ms(h.quantileMs(0.5)),
              Report.ms(h.quantileMs(0.99))));
    }
    report.table(List.of("stage", "from, to", "count", "mean ms", "p50 ms", "p99 ms"), rows);
    report.line("");
    if (targetP99Ms > 0) {
      double p99 = result.submitToFinished().percentileMs(0.99);
      report.line(
          String.format(
              "Target: p99 submit to finished <= %.0f ms: %s ms, %s",
              targetP99Ms,
              Report.ms(p99),
              Report.verdict(p99 <= targetP99Ms && result.lost() == 0)));
    }
    if (targetPerSecond > 0) {
      report.line(
          String.format(
              "Target: >= %.0f tasks/s completed, none lost: %.0f/s, %d lost, %s",
              targetPerSecond,
              result.completedPerSecond(),
              result.lost(),
              Report.verdict(
                  result.completedPerSecond() >= targetPerSecond && result.lost() == 0)));
    }
  }

  /**
   * The agent's tasksCompleted from the results service's statistics, once it reaches {@code
   * expected} or after 30 s.
   */
  private long persistedCount(String agentId, int expected) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    long count;
    do {
      JsonObject stats = api.get(apiKey, "agents/" + agentId + "/stats");
      count = stats.getLong("tasksCompleted", 0L);
      if (count >= expected) {
        return count;
      }
      Thread.sleep(200);
    } while (System.nanoTime() < deadline);
    return count;
  }

  private String upload(String prefix, byte[] wasm) {
    String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    return api.upload(apiKey, name, wasm).getString("id");
  }

  private static Buffer taskBody(String agentId) {
    return new JsonObject().put("agentId", agentId).put("input", "hello").toBuffer();
  }

  @Override
  public void close() throws InterruptedException {
    terminals.close();
    api.close();
  }
}
