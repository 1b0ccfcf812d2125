package io.agentry.executor.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentry.executor.sandbox.PreparedModule;
import io.agentry.executor.sandbox.RunOutcome;
import io.agentry.executor.sandbox.RunRequest;
import io.agentry.executor.sandbox.SampleAgents;
import io.agentry.executor.sandbox.Sandbox;
import io.agentry.wire.TaskStatus;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
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
 * Measures the engine (the executor's {@link Sandbox} on Chicory, without Kafka or S3) on the
 * committed sample agents, and Node's {@code node:wasi} on the same modules as the reference:
 *
 * <ul>
 *   <li>per-task cost of the Rust {@code uppercase} agent (stdin "hello"), warm cache, fresh
 *       instance per task: on one thread and on every core;
 *   <li>SHA-256 over 10 MiB with the C {@code sha256} agent, compiled and interpreted.
 * </ul>
 *
 * A runnable main, not a test: the numbers depend on the machine. The README gives the command.
 * Optional argument: seconds per measured round of the tiny task (default 2).
 */
public final class EngineBenchmark {

  private static final byte[] HELLO = "hello".getBytes(UTF_8);
  private static final int SHA_INPUT_BYTES = 10 * 1024 * 1024;
  private static final int ROUNDS = 5;
  private static final int SHA_WARM_UP = 3;
  private static final int SHA_RUNS = 5;
  private static final int NODE_TINY_WARM_UP = 1_000;
  private static final int NODE_TINY_RUNS = 5_000;
  private static final int WARM_UP_ROUNDS = 3;
  private static final int TARGET_TINY_US = 100;
  private static final double TARGET_SHA_RATIO = 2.0;

  private final Sandbox sandbox = new Sandbox(1024 * 1024);
  private final double roundSeconds;

  private EngineBenchmark(double roundSeconds) {
    this.roundSeconds = roundSeconds;
  }

  public static void main(String[] args) throws Exception {
    System.setProperty("java.util.logging.manager", "org.jboss.logmanager.LogManager");
    double roundSeconds = args.length > 0 ? Double.parseDouble(args[0]) : 2;
    EngineBenchmark benchmark = new EngineBenchmark(roundSeconds);
    try {
      benchmark.run();
    } finally {
      benchmark.sandbox.close();
    }
  }

  private void run() throws Exception {
    int cores = Runtime.getRuntime().availableProcessors();
    System.out.printf(
        "Agentry engine benchmark: Java %s, %d cores, Chicory compiler%n",
        Runtime.version(), cores);

    PreparedModule uppercase = PreparedModule.prepare(SampleAgents.wasm(SampleAgents.UPPERCASE));
    System.out.println();
    System.out.println("uppercase (Rust), stdin 'hello', fresh instance per task, warm cache:");
    double singleUs = tinyTasks(uppercase, 1);
    tinyTasks(uppercase, cores);

    byte[] shaWasm = SampleAgents.wasm(SampleAgents.SHA256);
    byte[] shaInput = new byte[SHA_INPUT_BYTES];
    new Random(42).nextBytes(shaInput);
    String expected =
        HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(shaInput));
    System.out.println();
    System.out.println("sha256 (C), 10 MiB on stdin:");
    double compiledMs =
        sha(PreparedModule.prepare(shaWasm), shaInput, expected, SHA_WARM_UP, SHA_RUNS);
    System.out.printf(
        "  compiled:    %8.1f ms (median of %d, after %d warm-up runs)%n",
        compiledMs, SHA_RUNS, SHA_WARM_UP);
    double interpretedMs = sha(PreparedModule.interpret(shaWasm), shaInput, expected, 0, 1);
    System.out.printf("  interpreted: %8.1f ms (one run)%n", interpretedMs);

    System.out.println();
    NodeResult nodeTiny = null;
    NodeResult nodeSha = null;
    Path node = findNode();
    if (node == null) {
      System.out.println("node:wasi reference: node not found");
    } else {
      Path hello = Files.createTempFile("bench-hello", ".txt");
      Path tenMiB = Files.createTempFile("bench-sha", ".bin");
      try {
        Files.write(hello, HELLO);
        Files.write(tenMiB, shaInput);
        nodeTiny =
            node(node, SampleAgents.UPPERCASE, hello, NODE_TINY_WARM_UP, NODE_TINY_RUNS, "HELLO");
        nodeSha = node(node, SampleAgents.SHA256, tenMiB, SHA_WARM_UP, SHA_RUNS, expected + "\n");
      } finally {
        Files.deleteIfExists(hello);
        Files.deleteIfExists(tenMiB);
      }
      System.out.printf(
          "node:wasi reference (Node %s, same modules, compiled once):%n", nodeTiny.version());
      System.out.printf(
          "  uppercase:   %8.1f us/task on one thread (%d tasks after %d warm-up)%n",
          nodeTiny.totalMs() * 1000 / NODE_TINY_RUNS, NODE_TINY_RUNS, NODE_TINY_WARM_UP);
      System.out.printf(
          "  sha256:      %8.1f ms (median of %d, after %d warm-up runs)%n",
          nodeSha.medianMs(), SHA_RUNS, SHA_WARM_UP);
    }

    System.out.println();
    System.out.printf(
        "Targets: tiny task <= %d us on one thread: %.1f us, %s%n",
        TARGET_TINY_US, singleUs, singleUs <= TARGET_TINY_US ? "met" : "MISSED");
    if (nodeSha != null) {
      double ratio = compiledMs / nodeSha.medianMs();
      System.out.printf(
          "         sha256 10 MiB within %.0fx of Node: %.2fx, %s%n",
          TARGET_SHA_RATIO, ratio, ratio <= TARGET_SHA_RATIO ? "met" : "MISSED");
    }
  }

  /**
   * Runs the tiny task on {@code threads} threads: a warm-up round, then {@link #ROUNDS} measured
   * rounds; prints the median round and returns its microseconds per task per thread.
   */
  private double tinyTasks(PreparedModule module, int threads) throws Exception {
    tinyRound(module, threads, roundSeconds * WARM_UP_ROUNDS);
    double[] usPerTask = new double[ROUNDS];
    double[] tasksPerSecond = new double[ROUNDS];
    for (int round = 0; round < ROUNDS; round++) {
      long start = System.nanoTime();
      long tasks = tinyRound(module, threads, roundSeconds);
      double seconds = (System.nanoTime() - start) / 1e9;
      tasksPerSecond[round] = tasks / seconds;
      usPerTask[round] = seconds * 1e6 * threads / tasks;
    }
    Arrays.sort(usPerTask);
    Arrays.sort(tasksPerSecond);
    double us = usPerTask[ROUNDS / 2];
    System.out.printf(
        "  %-12s %8.0f tasks/s, %6.1f us/task%s (median of %d rounds of %.1f s)%n",
        threads == 1 ? "1 thread:" : threads + " threads:",
        tasksPerSecond[ROUNDS / 2],
        us,
        threads == 1 ? "" : " per thread",
        ROUNDS,
        roundSeconds);
    return us;
  }

  /** How many tasks {@code threads} threads completed in about {@code seconds}. */
  private long tinyRound(PreparedModule module, int threads, double seconds) throws Exception {
    long deadline = System.nanoTime() + (long) (seconds * 1e9);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Long>> counts = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        counts.add(
            pool.submit(
                () -> {
                  long done = 0;
                  RunRequest request =
                      new RunRequest(HELLO, List.of("uppercase"), Map.of(), 30_000, 16);
                  while (System.nanoTime() < deadline) {
                    for (int i = 0; i < 100; i++) {
                      check(sandbox.run(module, request), "HELLO");
                    }
                    done += 100;
                  }
                  return done;
                }));
      }
      long total = 0;
      for (Future<Long> count : counts) {
        total += count.get();
      }
      return total;
    } finally {
      pool.shutdown();
      pool.awaitTermination(1, TimeUnit.MINUTES);
    }
  }

  /** Median milliseconds of {@code runs} runs over {@code input}, after {@code warmUp} runs. */
  private double sha(PreparedModule module, byte[] input, String expected, int warmUp, int runs) {
    RunRequest request = new RunRequest(input, List.of("sha256"), Map.of(), 600_000, 16);
    for (int i = 0; i < warmUp; i++) {
      check(sandbox.run(module, request), expected + "\n");
    }
    double[] ms = new double[runs];
    for (int i = 0; i < runs; i++) {
      long start = System.nanoTime();
      check(sandbox.run(module, request), expected + "\n");
      ms[i] = (System.nanoTime() - start) / 1e6;
    }
    Arrays.sort(ms);
    return ms[runs / 2];
  }

  private static void check(RunOutcome outcome, String stdout) {
    if (outcome.status() != TaskStatus.SUCCEEDED
        || !stdout.equals(new String(outcome.result().stdout(), UTF_8))) {
      throw new IllegalStateException("unexpected outcome: " + outcome.result());
    }
  }

  private static NodeResult node(
      Path node, String agent, Path stdin, int warmUp, int runs, String expectedStdout)
      throws IOException, InterruptedException, URISyntaxException {
    List<String> command =
        List.of(
            node.toString(),
            "--no-warnings",
            "--expose-gc",
            resource("bench/wasi-runner.mjs").toString(),
            resource(agent).toString(),
            stdin.toString(),
            Integer.toString(warmUp),
            Integer.toString(runs));
    Process process =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String out = new String(process.getInputStream().readAllBytes(), UTF_8);
    if (process.waitFor() != 0) {
      throw new IllegalStateException("node failed: " + out);
    }
    JsonNode json = new ObjectMapper().readTree(out);
    if (!expectedStdout.equals(json.get("stdout").asText())) {
      throw new IllegalStateException("node printed " + json.get("stdout"));
    }
    return new NodeResult(
        json.get("node").asText(), json.get("totalMs").asDouble(), json.get("medianMs").asDouble());
  }

  private static Path resource(String name) throws URISyntaxException {
    return Path.of(EngineBenchmark.class.getClassLoader().getResource(name).toURI());
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

  private record NodeResult(String version, double totalMs, double medianMs) {}
}
