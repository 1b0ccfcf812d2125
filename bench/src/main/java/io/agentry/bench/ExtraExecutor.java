package io.agentry.bench;

import io.agentry.localstack.LocalTopology;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A second executor process for the scale-out benchmark: the packaged executor on its own port,
 * with as many worker threads as {@code --workers} (default: what the running executor reports),
 * joining the same consumer group, so Kafka splits the partitions between the two.
 */
final class ExtraExecutor {

  /** How long the consumer group may take to give the new member its partitions. */
  private static final Duration REBALANCE = Duration.ofSeconds(120);

  private static final String ASSIGNED =
      "kafka_consumer_coordinator_assigned_partitions{client_id=\"kafka-consumer-agent-tasks\"";

  private final Path root;
  private final URI runningMetrics;
  private final int port;
  private final String workers;
  private Process process;

  ExtraExecutor(Path root, Options options) {
    this.root = root;
    this.runningMetrics =
        URI.create(options.text("executor-metrics", "http://127.0.0.1:8083/q/metrics"));
    this.port = options.integer("extra-executor-port", 8093);
    this.workers = options.text("workers", runningWorkers(options));
  }

  String workers() {
    return workers;
  }

  void start() throws IOException, InterruptedException {
    Path app = root.resolve("executor-service/target/quarkus-app/quarkus-run.jar");
    if (!Files.exists(app)) {
      throw new IllegalStateException(app + " is missing: run ./agentry up first");
    }
    Path log = root.resolve(".agentry/logs/executor-bench.log");
    Files.createDirectories(log.getParent());
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(
        LocalTopology.fromEnvironment(Map.of(LocalTopology.WORKERS_VARIABLE, workers))
            .serviceJvm(LocalTopology.Service.EXECUTOR));
    command.add("-Dquarkus.http.port=" + port);
    command.add("-Dagentry.executor.workers.threads=" + workers);
    command.addAll(List.of("-jar", app.toString()));
    process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    System.out.printf(
        "started a second executor (pid %d, port %d), waiting for it...%n", process.pid(), port);
    awaitReady();
    awaitRebalance();
  }

  /** Until the new executor has partitions of agent-tasks and the running one gave some up. */
  private void awaitRebalance() throws InterruptedException {
    URI extraMetrics = URI.create("http://127.0.0.1:" + port + "/q/metrics");
    long deadline = System.nanoTime() + REBALANCE.toNanos();
    while (System.nanoTime() < deadline) {
      double extra = assignedPartitions(extraMetrics);
      double running = assignedPartitions(runningMetrics);
      if (extra > 0 && running > 0) {
        System.out.printf(
            "partitions of agent-tasks: %.0f on the running executor, %.0f on the new one%n",
            running, extra);
        return;
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException("the consumer group did not give the new executor partitions");
  }

  private static double assignedPartitions(URI metrics) {
    try {
      String page =
          HttpClient.newHttpClient()
              .send(HttpRequest.newBuilder(metrics).build(), HttpResponse.BodyHandlers.ofString())
              .body();
      for (String line : page.split("\n")) {
        if (line.startsWith(ASSIGNED)) {
          return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        }
      }
    } catch (IOException e) {
      // Not answering: no partitions known.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }

  void stop() throws InterruptedException {
    if (process != null) {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }

  private void awaitReady() throws InterruptedException {
    HttpClient http = HttpClient.newHttpClient();
    URI ready = URI.create("http://127.0.0.1:" + port + "/q/health/ready");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "the second executor exited; see .agentry/logs/executor-bench.log");
      }
      try {
        HttpResponse<Void> response =
            http.send(
                HttpRequest.newBuilder(ready).build(), HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // Not listening yet.
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException("the second executor was not ready within 120 s");
  }

  /** The worker count the running executor reports on its metrics. */
  private static String runningWorkers(Options options) {
    URI metrics = URI.create(options.text("executor-metrics", "http://127.0.0.1:8083/q/metrics"));
    try {
      String page =
          HttpClient.newHttpClient()
              .send(HttpRequest.newBuilder(metrics).build(), HttpResponse.BodyHandlers.ofString())
              .body();
      for (String line : page.split("\n")) {
        if (line.startsWith("agentry_executor_workers ")) {
          return Integer.toString((int) Double.parseDouble(line.substring(line.indexOf(' ') + 1)));
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + metrics + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    throw new IllegalStateException(metrics + " does not report agentry_executor_workers");
  }
}
