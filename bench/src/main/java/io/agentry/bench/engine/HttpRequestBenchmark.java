package io.agentry.bench.engine;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.sun.net.httpserver.HttpServer;
import io.agentry.bench.Report;
import io.agentry.sandbox.MemoryBudget;
import io.agentry.sandbox.PreparedModule;
import io.agentry.sandbox.RunOutcome;
import io.agentry.sandbox.RunRequest;
import io.agentry.sandbox.Sandbox;
import io.agentry.sandbox.http.HttpPermissions;
import io.agentry.sandbox.http.HttpSettings;
import io.agentry.wire.TaskStatus;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * The cost of one outbound HTTP request of an agent: the committed C sample {@code http-fetch} (one
 * GET, its body read to the end, a summary printed) against a JDK HTTP server on loopback, run in
 * the executor's {@link Sandbox} with private destinations allowed, one task after the other on one
 * thread; next to the same agent whose request is refused before anything is sent (code 1), which
 * is the run without the request.
 */
public final class HttpRequestBenchmark {

  private static final Path AGENT = Path.of("samples/http-fetch/fetch.wasm");
  private static final byte[] ANSWER = "hello from the server".getBytes(UTF_8);
  private static final int WARM_UP = 500;

  private HttpRequestBenchmark() {}

  /** Measures {@code runs} tasks of each kind and adds the figures to {@code report}. */
  public static void run(Report report, int runs) throws Exception {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          exchange.getResponseHeaders().set("Content-Type", "text/plain");
          exchange.sendResponseHeaders(200, ANSWER.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(ANSWER);
          }
        });
    server.setExecutor(Executors.newFixedThreadPool(2));
    server.start();
    String origin = "http://127.0.0.1:" + server.getAddress().getPort();
    try (Sandbox sandbox =
        new Sandbox(
            1024 * 1024,
            MemoryBudget.unlimited(),
            HttpSettings.defaults().withAllowPrivate(true))) {
      PreparedModule module = PreparedModule.prepare(Files.readAllBytes(AGENT));
      RunRequest permitted = request(origin + "/", List.of(origin));
      RunRequest refused = request(origin + "/", List.of("https://api.example.com"));
      measure(sandbox, module, permitted, WARM_UP, TaskStatus.SUCCEEDED);
      measure(sandbox, module, refused, WARM_UP, TaskStatus.FAILED);
      long[] withRequest = measure(sandbox, module, permitted, runs, TaskStatus.SUCCEEDED);
      long[] without = measure(sandbox, module, refused, runs, TaskStatus.FAILED);
      report.heading("Outbound HTTP: the cost of one local request");
      report.line(
          "The C sample http-fetch, one GET of 21 bytes from a JDK HTTP server on loopback (a new"
              + " connection each time), "
              + runs
              + " tasks one after the other after "
              + WARM_UP
              + " to warm up; the same agent refused before sending (code 1) is the run without"
              + " the request.");
      report.table(
          List.of("run", "p50", "p99", "max"),
          List.of(
              row("with the request", withRequest),
              row("refused (no request)", without),
              List.of(
                  "the request alone (p50 difference)",
                  us(percentile(withRequest, 0.50) - percentile(without, 0.50)),
                  "",
                  "")));
    } finally {
      server.stop(0);
      ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
  }

  private static RunRequest request(String url, List<String> origins) {
    return new RunRequest(
        url.getBytes(UTF_8),
        List.of("http-fetch"),
        Map.of(),
        10_000,
        16,
        HttpPermissions.of(origins));
  }

  private static long[] measure(
      Sandbox sandbox, PreparedModule module, RunRequest request, int runs, TaskStatus expected) {
    long[] nanos = new long[runs];
    for (int i = 0; i < runs; i++) {
      long start = System.nanoTime();
      RunOutcome outcome = sandbox.run(module, request);
      nanos[i] = System.nanoTime() - start;
      if (outcome.status() != expected) {
        throw new IllegalStateException(
            "the agent ended " + outcome.status() + ": " + outcome.result().error());
      }
    }
    Arrays.sort(nanos);
    return nanos;
  }

  private static List<String> row(String name, long[] sorted) {
    return List.of(
        name,
        us(percentile(sorted, 0.50)),
        us(percentile(sorted, 0.99)),
        us(sorted[sorted.length - 1]));
  }

  private static String us(double nanos) {
    return String.format("%.0f us", nanos / 1e3);
  }

  private static double percentile(long[] sorted, double q) {
    int rank = (int) Math.ceil(q * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }
}
