package io.agentry.gateway.bench;

import io.agentry.gateway.support.Wasm;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Measures task submission through a running gateway: accepted submissions per second with {@code
 * --concurrency} clients in a closed loop, then the latency of the 202 at a fixed offered rate
 * ({@code --rate} per second, open loop: each request's latency counts from the moment it was due,
 * so a stalled gateway cannot hide its queueing). The agent is looked up once and then comes from
 * the gateway's cache. Not a test: run it by hand against {@code ./agentry up} (see the README);
 * only the JDK and {@link Wasm} are needed on the class path.
 *
 * <pre>
 * java -cp gateway/target/test-classes io.agentry.gateway.bench.GatewayBenchmark \
 *     [--url http://127.0.0.1:8080] [--concurrency 32] [--seconds 20] [--rate 500] \
 *     [--rate-seconds 20] [--warmup 5000]
 * </pre>
 */
public final class GatewayBenchmark {

  private static final Pattern FIELD = Pattern.compile("\"(apiKey|id)\"\\s*:\\s*\"([^\"]+)\"");

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .executor(Executors.newFixedThreadPool(4))
          .build();
  private final String url;
  private String apiKey;
  private String body;

  private GatewayBenchmark(String url) {
    this.url = url;
  }

  public static void main(String[] args) throws Exception {
    GatewayBenchmark bench = new GatewayBenchmark(option(args, "--url", "http://127.0.0.1:8080"));
    bench.setUp();
    int warmup = Integer.parseInt(option(args, "--warmup", "5000"));
    int concurrency = Integer.parseInt(option(args, "--concurrency", "32"));
    int seconds = Integer.parseInt(option(args, "--seconds", "20"));
    int rate = Integer.parseInt(option(args, "--rate", "500"));
    int rateSeconds = Integer.parseInt(option(args, "--rate-seconds", "20"));
    System.out.printf("warm-up: %d submissions%n", warmup);
    bench.closedLoop(concurrency, Duration.ofSeconds(Math.max(1, warmup / 1000)), false);
    bench.closedLoop(concurrency, Duration.ofSeconds(seconds), true);
    bench.openLoop(rate, Duration.ofSeconds(rateSeconds));
    System.exit(0);
  }

  private void setUp() throws Exception {
    String username = "bench-" + UUID.randomUUID().toString().substring(0, 8);
    String credentials = "{\"username\":\"" + username + "\",\"password\":\"benchmark-password\"}";
    apiKey = field(send(json("/api/v1/users/register", credentials)), "apiKey");
    String agentId = field(send(upload()), "id");
    body = "{\"agentId\":\"" + agentId + "\",\"input\":\"hello gateway\"}";
    System.out.printf("user %s, agent %s%n", username, agentId);
  }

  /** Each client submits again as soon as its previous submission was answered. */
  private void closedLoop(int clients, Duration duration, boolean report) throws Exception {
    long end = System.nanoTime() + duration.toNanos();
    LongAdder accepted = new LongAdder();
    Map<Integer, AtomicInteger> other = new ConcurrentHashMap<>();
    CountDownLatch done = new CountDownLatch(clients);
    long started = System.nanoTime();
    for (int i = 0; i < clients; i++) {
      loop(end, accepted, other, done);
    }
    done.await();
    double elapsed = (System.nanoTime() - started) / 1e9;
    if (report) {
      System.out.printf(
          "closed loop, %d clients, %.1f s: %d accepted = %.0f accepted/s; other answers %s%n",
          clients, elapsed, accepted.sum(), accepted.sum() / elapsed, other);
    }
  }

  private void loop(
      long end, LongAdder accepted, Map<Integer, AtomicInteger> other, CountDownLatch done) {
    if (System.nanoTime() >= end) {
      done.countDown();
      return;
    }
    http.sendAsync(submission(), HttpResponse.BodyHandlers.discarding())
        .whenComplete(
            (response, failure) -> {
              count(response, failure, accepted, other);
              loop(end, accepted, other, done);
            });
  }

  /** Requests are due at a fixed rate whatever the answers do; latency counts from when due. */
  private void openLoop(int rate, Duration duration) throws Exception {
    int total = (int) (rate * duration.toSeconds());
    long[] latencies = new long[total];
    AtomicInteger answered = new AtomicInteger();
    LongAdder accepted = new LongAdder();
    Map<Integer, AtomicInteger> other = new ConcurrentHashMap<>();
    CompletableFuture<Void> all = new CompletableFuture<>();
    ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
    long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
    long intervalNanos = 1_000_000_000L / rate;
    AtomicLong next = new AtomicLong();
    ticker.scheduleAtFixedRate(
        () -> {
          long now = System.nanoTime();
          for (long i = next.get();
              i < total && start + i * intervalNanos <= now;
              i = next.incrementAndGet()) {
            int index = (int) i;
            long due = start + i * intervalNanos;
            http.sendAsync(submission(), HttpResponse.BodyHandlers.discarding())
                .whenComplete(
                    (response, failure) -> {
                      latencies[index] = System.nanoTime() - due;
                      count(response, failure, accepted, other);
                      if (answered.incrementAndGet() == total) {
                        all.complete(null);
                      }
                    });
          }
        },
        0,
        1,
        TimeUnit.MILLISECONDS);
    all.get(duration.toSeconds() + 120, TimeUnit.SECONDS);
    ticker.shutdownNow();
    Arrays.sort(latencies);
    System.out.printf(
        "open loop, %d/s offered for %d s: %d accepted, other answers %s;"
            + " 202 latency p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
        rate,
        duration.toSeconds(),
        accepted.sum(),
        other,
        millis(latencies, 0.50),
        millis(latencies, 0.99),
        latencies[latencies.length - 1] / 1e6);
  }

  private static void count(
      HttpResponse<?> response,
      Throwable failure,
      LongAdder accepted,
      Map<Integer, AtomicInteger> other) {
    int status = failure != null ? -1 : response.statusCode();
    if (status == 202) {
      accepted.increment();
    } else {
      other.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
    }
  }

  private HttpRequest submission() {
    return HttpRequest.newBuilder(URI.create(url + "/api/v1/tasks"))
        .header("Authorization", "Bearer " + apiKey)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  private HttpRequest json(String path, String json) {
    return HttpRequest.newBuilder(URI.create(url + path))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json))
        .build();
  }

  private HttpRequest upload() {
    String boundary = "bench-" + UUID.randomUUID();
    String metadata =
        "{\"name\":\"bench-"
            + UUID.randomUUID().toString().substring(0, 8)
            + "\",\"description\":\"benchmark agent\",\"version\":\"1.0.0\"}";
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"metadata\"\r\n"
                + "Content-Type: application/json\r\n\r\n"
                + metadata
                + "\r\n--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"binary\"; filename=\"a.wasm\"\r\n"
                + "Content-Type: application/wasm\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
    out.writeBytes(Wasm.unique(UUID.randomUUID().toString()));
    out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return HttpRequest.newBuilder(URI.create(url + "/api/v1/agents"))
        .header("Authorization", "Bearer " + apiKey)
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray()))
        .build();
  }

  private HttpResponse<String> send(HttpRequest request) throws Exception {
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() >= 300) {
      throw new IllegalStateException(
          request.uri() + " answered " + response.statusCode() + ": " + response.body());
    }
    return response;
  }

  private static String field(HttpResponse<String> response, String name) {
    Matcher matcher = FIELD.matcher(response.body());
    while (matcher.find()) {
      if (matcher.group(1).equals(name)) {
        return matcher.group(2);
      }
    }
    throw new IllegalStateException("no " + name + " in " + response.body());
  }

  private static double millis(long[] sorted, double quantile) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
  }

  private static String option(String[] args, String name, String fallback) {
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals(name)) {
        return args[i + 1];
      }
    }
    return fallback;
  }
}
