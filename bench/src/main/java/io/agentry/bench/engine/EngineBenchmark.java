package io.agentry.bench.engine;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.agentry.bench.Report;
import io.agentry.sandbox.PreparedModule;
import io.agentry.sandbox.RunOutcome;
import io.agentry.sandbox.RunRequest;
import io.agentry.sandbox.Sandbox;
import io.agentry.wire.TaskStatus;
import io.agentry.wire.TaskUsage;
import io.vertx.core.json.JsonObject;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Measures the engine (the executor's {@link Sandbox} on Endive, without Kafka or S3) on the
 * executor's committed sample agents, and Node's {@code node:wasi} on the same modules as the
 * reference, in the same run:
 *
 * <ul>
 *   <li>per-task cost of the Rust {@code uppercase} agent (stdin "hello"), warm cache, fresh
 *       instance per task: on one thread and on every core;
 *   <li>SHA-256 over 10 MiB with the C {@code sha256} agent, compiled and interpreted.
 * </ul>
 */
public final class EngineBenchmark {

  /** The executor's sample agents, from the project root. */
  private static final Path AGENTS = Path.of("sandbox/src/test/resources/agents");

  private static final String UPPERCASE = "uppercase/uppercase.wasm";
  private static final String SHA256 = "sha256/sha256.wasm";
  private static final byte[] HELLO = "hello".getBytes(UTF_8);
  private static final int SHA_INPUT_BYTES = 10 * 1024 * 1024;
  private static final int ROUNDS = 5;
  private static final int SHA_WARM_UP = 5;
  private static final int SHA_RUNS = 7;
  private static final int NODE_TINY_WARM_UP = 1_000;
  private static final int NODE_TINY_RUNS = 5_000;
  private static final int WARM_UP_ROUNDS = 3;
  private static final int TARGET_TINY_US = 20;
  private static final int SHA_ROUNDS = 3;
  private static final double TARGET_SHA_RATIO = 2.0;

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private final Sandbox sandbox = new Sandbox(1024 * 1024);
  private final Report report;
  private final double roundSeconds;

  private EngineBenchmark(Report report, double roundSeconds) {
    this.report = report;
    this.roundSeconds = roundSeconds;
  }

  /** Runs every measurement and adds them to {@code report}. */
  public static void run(Report report, double roundSeconds) throws Exception {
    EngineBenchmark benchmark = new EngineBenchmark(report, roundSeconds);
    try {
      benchmark.run();
    } finally {
      benchmark.sandbox.close();
    }
  }

  private void run() throws Exception {
    int cores = Runtime.getRuntime().availableProcessors();
    report.heading("Engine (Endive compiler, in this JVM) against node:wasi");
    PreparedModule uppercase = PreparedModule.prepare(wasm(UPPERCASE));
    TinyResult single = tinyTasks(uppercase, 1);
    double singleUs = single.usPerTask();
    double allCoresPerSecond = tinyTasks(uppercase, cores).tasksPerSecond();

    byte[] shaWasm = wasm(SHA256);
    byte[] shaInput = new byte[SHA_INPUT_BYTES];
    new Random(42).nextBytes(shaInput);
    String expected =
        HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(shaInput));
    PreparedModule sha = PreparedModule.prepare(shaWasm);
    double interpretedMs =
        sha(PreparedModule.interpret(shaWasm), shaInput, expected, 0, 1).wallMs();

    NodeResult nodeTiny = null;
    double[] engineShaMs = new double[SHA_ROUNDS];
    double[] nodeShaMs = new double[SHA_ROUNDS];
    double[] engineShaCpuMs = new double[SHA_ROUNDS];
    double[] nodeShaCpuMs = new double[SHA_ROUNDS];
    Path node = findNode();
    Path hello = Files.createTempFile("bench-hello", ".txt");
    Path tenMiB = Files.createTempFile("bench-sha", ".bin");
    Path runner = Files.createTempFile("wasi-runner", ".mjs");
    try {
      Files.write(hello, HELLO);
      Files.write(tenMiB, shaInput);
      try (InputStream in = EngineBenchmark.class.getResourceAsStream("/bench/wasi-runner.mjs")) {
        Files.write(runner, in.readAllBytes());
      }
      if (node != null) {
        nodeTiny = node(node, runner, UPPERCASE, hello, NODE_TINY_WARM_UP, NODE_TINY_RUNS, "HELLO");
      }
      // Three rounds, each the engine then Node, so that both see the same machine.
      for (int round = 0; round < SHA_ROUNDS; round++) {
        ShaTimes engine = sha(sha, shaInput, expected, round == 0 ? SHA_WARM_UP : 1, SHA_RUNS);
        engineShaMs[round] = engine.wallMs();
        engineShaCpuMs[round] = engine.cpuMs();
        if (node != null) {
          NodeResult reference =
              node(node, runner, SHA256, tenMiB, SHA_WARM_UP, SHA_RUNS, expected + "\n");
          nodeShaMs[round] = reference.medianMs();
          nodeShaCpuMs[round] = reference.cpuMedianMs();
        }
      }
    } finally {
      Files.deleteIfExists(hello);
      Files.deleteIfExists(tenMiB);
      Files.deleteIfExists(runner);
    }
    double compiledMs = median(engineShaMs);

    String nodeName =
        nodeTiny == null ? "node:wasi (node not found)" : "node:wasi, Node " + nodeTiny.version();
    report.table(
        List.of("measurement", "engine", nodeName),
        List.of(
            List.of(
                "uppercase, stdin 'hello', fresh instance a task, one thread",
                String.format("%.1f us/task", singleUs),
                nodeTiny == null
                    ? ""
                    : String.format("%.1f us/task", nodeTiny.totalMs() * 1000 / NODE_TINY_RUNS)),
            List.of(
                "the same, CPU time of the worker thread",
                String.format("%.1f us/task", single.cpuUsPerTask()),
                ""),
            List.of(
                "uppercase, " + cores + " threads",
                String.format("%,.0f tasks/s", allCoresPerSecond),
                ""),
            List.of(
                "sha256 of 10 MiB, compiled (median of "
                    + SHA_ROUNDS
                    + " rounds of "
                    + SHA_RUNS
                    + " runs each)",
                String.format("%.1f ms", compiledMs),
                node == null ? "" : String.format("%.1f ms", median(nodeShaMs))),
            List.of(
                "sha256 of 10 MiB, interpreted (one run)",
                String.format("%.1f ms", interpretedMs),
                "")));
    report.line("");
    report.line(
        String.format(
            "Target: a tiny task <= %d us on one thread: %.1f us, %s (CPU time %.1f us; load"
                + " average %.1f on %d cores while it ran: above the cores, other work took turns"
                + " with the benchmark and the wall time includes its waits)",
            TARGET_TINY_US,
            singleUs,
            Report.verdict(singleUs <= TARGET_TINY_US),
            single.cpuUsPerTask(),
            single.loadAverage(),
            cores));
    if (node == null) {
      report.line(
          "Node not found on the PATH: no node:wasi reference and no sha256 ratio (install"
              + " Node.js 20 or newer to compare)");
    } else {
      double[] ratios = new double[SHA_ROUNDS];
      for (int round = 0; round < SHA_ROUNDS; round++) {
        ratios[round] = engineShaMs[round] / nodeShaMs[round];
        report.line(
            String.format(
                "sha256 round %d: engine %.1f ms, Node %.1f ms, %.2fx (CPU time: engine's thread"
                    + " %.1f ms, Node's process %.1f ms, %.2fx)",
                round + 1,
                engineShaMs[round],
                nodeShaMs[round],
                ratios[round],
                engineShaCpuMs[round],
                nodeShaCpuMs[round],
                engineShaCpuMs[round] / nodeShaCpuMs[round]));
      }
      double ratio = median(ratios);
      report.line(
          String.format(
              "Target: sha256 of 10 MiB within %.0fx of Node (median of %d rounds): %.2fx, %s",
              TARGET_SHA_RATIO, SHA_ROUNDS, ratio, Report.verdict(ratio <= TARGET_SHA_RATIO)));
    }
    report.line("");
    report.line("Usage of one run each, as the terminal event's result carries it:");
    report.line(
        "- uppercase: "
            + usage(
                sandbox.run(
                    uppercase, new RunRequest(HELLO, List.of("uppercase"), Map.of(), 30_000, 16))));
    report.line(
        "- sha256 of 10 MiB: "
            + usage(
                sandbox.run(
                    sha, new RunRequest(shaInput, List.of("sha256"), Map.of(), 600_000, 16))));
  }

  private static String usage(RunOutcome outcome) {
    TaskUsage usage = outcome.result().usage();
    return String.format(
        "cpuMs %d, wallMs %d, memoryPeakMb %d, stdoutBytes %d, stderrBytes %d",
        usage.cpuMs(),
        usage.wallMs(),
        usage.memoryPeakMb(),
        usage.stdoutBytes(),
        usage.stderrBytes());
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  /**
   * Runs the tiny task on {@code threads} threads: a warm-up round, then {@link #ROUNDS} measured
   * rounds; returns the median round.
   */
  private TinyResult tinyTasks(PreparedModule module, int threads) throws Exception {
    System.out.printf("engine: tiny tasks on %d threads...%n", threads);
    tinyRound(module, threads, roundSeconds * WARM_UP_ROUNDS);
    double[] usPerTask = new double[ROUNDS];
    double[] cpuUsPerTask = new double[ROUNDS];
    double[] tasksPerSecond = new double[ROUNDS];
    for (int round = 0; round < ROUNDS; round++) {
      long start = System.nanoTime();
      RoundCount count = tinyRound(module, threads, roundSeconds);
      double seconds = (System.nanoTime() - start) / 1e9;
      tasksPerSecond[round] = count.tasks() / seconds;
      usPerTask[round] = seconds * 1e6 * threads / count.tasks();
      cpuUsPerTask[round] = count.cpuNanos() / 1e3 / count.tasks();
    }
    Arrays.sort(usPerTask);
    Arrays.sort(cpuUsPerTask);
    Arrays.sort(tasksPerSecond);
    return new TinyResult(
        usPerTask[ROUNDS / 2],
        cpuUsPerTask[ROUNDS / 2],
        tasksPerSecond[ROUNDS / 2],
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }

  /**
   * How many tasks {@code threads} threads completed in about {@code seconds}, and the CPU time
   * their threads used.
   */
  private RoundCount tinyRound(PreparedModule module, int threads, double seconds)
      throws Exception {
    long deadline = System.nanoTime() + (long) (seconds * 1e9);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<RoundCount>> counts = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        counts.add(
            pool.submit(
                () -> {
                  long cpuStart = THREADS.getCurrentThreadCpuTime();
                  long done = 0;
                  RunRequest request =
                      new RunRequest(HELLO, List.of("uppercase"), Map.of(), 30_000, 16);
                  while (System.nanoTime() < deadline) {
                    for (int i = 0; i < 100; i++) {
                      check(sandbox.run(module, request), "HELLO");
                    }
                    done += 100;
                  }
                  return new RoundCount(done, THREADS.getCurrentThreadCpuTime() - cpuStart);
                }));
      }
      long total = 0;
      long cpuNanos = 0;
      for (Future<RoundCount> count : counts) {
        total += count.get().tasks();
        cpuNanos += count.get().cpuNanos();
      }
      return new RoundCount(total, cpuNanos);
    } finally {
      pool.shutdown();
      pool.awaitTermination(1, TimeUnit.MINUTES);
    }
  }

  /**
   * Median wall and CPU milliseconds of {@code runs} runs over {@code input}, after {@code warmUp}
   * runs.
   */
  private ShaTimes sha(PreparedModule module, byte[] input, String expected, int warmUp, int runs) {
    System.out.printf("engine: sha256 of 10 MiB, %d runs...%n", warmUp + runs);
    RunRequest request = new RunRequest(input, List.of("sha256"), Map.of(), 600_000, 16);
    for (int i = 0; i < warmUp; i++) {
      check(sandbox.run(module, request), expected + "\n");
    }
    double[] ms = new double[runs];
    double[] cpuMs = new double[runs];
    for (int i = 0; i < runs; i++) {
      long start = System.nanoTime();
      long cpuStart = THREADS.getCurrentThreadCpuTime();
      check(sandbox.run(module, request), expected + "\n");
      cpuMs[i] = (THREADS.getCurrentThreadCpuTime() - cpuStart) / 1e6;
      ms[i] = (System.nanoTime() - start) / 1e6;
    }
    return new ShaTimes(median(ms), median(cpuMs));
  }

  private static void check(RunOutcome outcome, String stdout) {
    if (outcome.status() != TaskStatus.SUCCEEDED
        || !stdout.equals(new String(outcome.result().stdout(), UTF_8))) {
      throw new IllegalStateException("unexpected outcome: " + outcome.result());
    }
  }

  private static NodeResult node(
      Path node, Path runner, String agent, Path stdin, int warmUp, int runs, String expectedStdout)
      throws IOException, InterruptedException {
    System.out.printf("engine: node:wasi on %s...%n", agent);
    List<String> command =
        List.of(
            node.toString(),
            "--no-warnings",
            "--expose-gc",
            runner.toString(),
            AGENTS.resolve(agent).toString(),
            stdin.toString(),
            Integer.toString(warmUp),
            Integer.toString(runs));
    Process process =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String out = new String(process.getInputStream().readAllBytes(), UTF_8);
    if (process.waitFor() != 0) {
      throw new IllegalStateException("node failed: " + out);
    }
    JsonObject json = new JsonObject(out);
    if (!expectedStdout.equals(json.getString("stdout"))) {
      throw new IllegalStateException("node printed " + json.getString("stdout"));
    }
    return new NodeResult(
        json.getString("node"),
        json.getDouble("totalMs"),
        json.getDouble("medianMs"),
        json.getDouble("cpuMedianMs"));
  }

  private static byte[] wasm(String agent) throws IOException {
    return Files.readAllBytes(AGENTS.resolve(agent));
  }

  private static Path findNode() {
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir, "node");
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  private record NodeResult(String version, double totalMs, double medianMs, double cpuMedianMs) {}

  private record ShaTimes(double wallMs, double cpuMs) {}

  private record TinyResult(
      double usPerTask, double cpuUsPerTask, double tasksPerSecond, double loadAverage) {}

  private record RoundCount(long tasks, long cpuNanos) {}
}
