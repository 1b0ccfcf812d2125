package io.agentry.registry.bench;

import io.agentry.registry.wasm.WasmModules;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Measures a running registry through its HTTP API: uploads per second of 100 KiB modules with
 * concurrent clients, then search latency (p50/p99) once at least {@code --agents} agents exist.
 * Not a test: run it by hand against {@code ./agentry up} or a registry started alone (see the
 * README). Only the JDK and {@link WasmModules} are needed on the class path.
 *
 * <pre>
 * java -cp registry-service/target/test-classes io.agentry.registry.bench.RegistryBenchmark \
 *     [--url http://127.0.0.1:8081] [--uploads 1000] [--concurrency 8] [--agents 10000] \
 *     [--searches 2000] [--warmup 300]
 * </pre>
 */
public final class RegistryBenchmark {

  private static final int MODULE_SIZE = 100 * 1024;
  private static final int SEED_MODULE_SIZE = 1024;
  private static final String[] WORDS = {
    "translate", "summarize", "image", "resize", "json", "format", "pdf", "extract",
    "sentiment", "classify", "weather", "fetch", "markdown", "render", "csv", "parse",
    "audio", "transcribe", "code", "lint", "compress", "encrypt", "hash", "math",
    "solve", "chat", "email", "spam", "detect", "search", "index", "calendar",
    "schedule", "invoice", "ledger", "report", "chart", "plot", "route", "map",
    "geocode", "validate", "schema", "convert", "unit", "currency", "stock", "quote",
    "poem", "story", "joke", "recipe", "nutrition", "fitness", "music", "lyrics",
    "genome", "protein", "molecule", "physics"
  };
  private static final Pattern FIELD =
      Pattern.compile("\"(apiKey|token|id)\"\\s*:\\s*\"([^\"]+)\"");

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final String url;
  private final String runId = UUID.randomUUID().toString().substring(0, 8);

  private RegistryBenchmark(String url) {
    this.url = url;
  }

  public static void main(String[] args) throws Exception {
    String url = option(args, "--url", "http://127.0.0.1:8081");
    int uploads = Integer.parseInt(option(args, "--uploads", "1000"));
    int concurrency = Integer.parseInt(option(args, "--concurrency", "8"));
    int agents = Integer.parseInt(option(args, "--agents", "10000"));
    int searches = Integer.parseInt(option(args, "--searches", "2000"));
    int warmup = Integer.parseInt(option(args, "--warmup", "300"));
    new RegistryBenchmark(url).run(warmup, uploads, concurrency, agents, searches);
  }

  private void run(int warmup, int uploads, int concurrency, int agents, int searches)
      throws Exception {
    String username = "bench-" + runId;
    String password = "benchmark-password";
    String apiKey = field(post("/users/register", json(username, password), null), "apiKey");
    String token = field(post("/users/login", json(username, password), null), "token");
    System.out.printf(
        "registry %s, run %s, %d cores%n", url, runId, Runtime.getRuntime().availableProcessors());

    if (uploads > 0) {
      uploadAll("warm-up", warmup, concurrency, MODULE_SIZE, apiKey);
      double[] upload = uploadAll("upload", uploads, concurrency, MODULE_SIZE, apiKey);
      System.out.printf(
          "uploads: %d modules of %d KiB with %d clients in %.1f s = %.0f uploads/s"
              + " (latency p50 %.1f ms, p99 %.1f ms)%n",
          uploads,
          MODULE_SIZE / 1024,
          concurrency,
          upload[0],
          uploads / upload[0],
          upload[1],
          upload[2]);
    }

    int existing = count(token);
    if (existing < agents) {
      System.out.printf("seeding %d agents (%d exist)...%n", agents - existing, existing);
      double[] seed = uploadAll("seed", agents - existing, concurrency, SEED_MODULE_SIZE, apiKey);
      System.out.printf(
          "seeded in %.1f s (%.0f uploads/s of 1 KiB)%n", seed[0], (agents - existing) / seed[0]);
    }
    System.out.printf("agents in the registry: at least %d%n", Math.max(existing, agents));

    Random random = new Random(7);
    for (int i = 0; i < Math.max(300, warmup); i++) {
      get(searchPath(random), token);
    }
    long[] latencies = new long[searches];
    for (int i = 0; i < searches; i++) {
      String path = searchPath(random);
      long start = System.nanoTime();
      HttpResponse<String> response = get(path, token);
      latencies[i] = System.nanoTime() - start;
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            path + " -> " + response.statusCode() + " " + response.body());
      }
    }
    Arrays.sort(latencies);
    System.out.printf(
        "search: %d queries, one client: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms%n",
        searches,
        millis(latencies, 0.50),
        millis(latencies, 0.90),
        millis(latencies, 0.99),
        latencies[latencies.length - 1] / 1e6);
  }

  /** Uploads {@code count} unique modules; returns seconds, p50 ms and p99 ms. */
  private double[] uploadAll(String label, int count, int concurrency, int size, String apiKey)
      throws Exception {
    AtomicInteger next = new AtomicInteger();
    long[] latencies = new long[count];
    byte[] template = WasmModules.valid(label + runId, size);
    ExecutorService clients = Executors.newFixedThreadPool(concurrency);
    long start = System.nanoTime();
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int c = 0; c < concurrency; c++) {
        done.add(
            clients.submit(
                () -> {
                  Random random = new Random();
                  for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                    byte[] module = unique(template, i);
                    String metadata = metadata(label + "-" + runId + "-" + i, random);
                    long t = System.nanoTime();
                    HttpResponse<String> response = upload(metadata, module, apiKey);
                    latencies[i] = System.nanoTime() - t;
                    if (response.statusCode() != 201) {
                      throw new IllegalStateException(
                          "upload -> " + response.statusCode() + " " + response.body());
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      clients.shutdownNow();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    Arrays.sort(latencies);
    return new double[] {seconds, millis(latencies, 0.50), millis(latencies, 0.99)};
  }

  /** The template with its last 8 bytes (inside the padding section) set to {@code i}. */
  private static byte[] unique(byte[] template, long i) {
    byte[] module = template.clone();
    for (int b = 0; b < 8; b++) {
      module[module.length - 1 - b] = (byte) (i >>> (8 * b));
    }
    return module;
  }

  private static String searchPath(Random random) {
    String word = WORDS[random.nextInt(WORDS.length)];
    int kind = random.nextInt(100);
    String q;
    String filter = "";
    if (kind < 40) {
      q = word;
    } else if (kind < 65) {
      q = word + " " + WORDS[random.nextInt(WORDS.length)];
    } else if (kind < 85) {
      q = word.substring(0, Math.min(word.length(), 3 + random.nextInt(3)));
    } else {
      q = word;
      filter =
          switch (random.nextInt(3)) {
            case 0 -> "&maxPrice=" + random.nextInt(50);
            case 1 -> "&minRating=1";
            default -> "&capability=text:" + WORDS[random.nextInt(WORDS.length)];
          };
    }
    return "/agents/search?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8) + filter;
  }

  private static String metadata(String name, Random random) {
    StringBuilder description = new StringBuilder();
    int words = 8 + random.nextInt(10);
    for (int i = 0; i < words; i++) {
      description.append(i == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
    }
    int firstIndex = random.nextInt(WORDS.length);
    String first = WORDS[firstIndex];
    String second = WORDS[(firstIndex + 1 + random.nextInt(WORDS.length - 1)) % WORDS.length];
    return "{\"name\":\""
        + first
        + "-"
        + second
        + "-"
        + name
        + "\",\"description\":\""
        + description
        + "\",\"version\":\"1.0.0\",\"capabilities\":[\"text:"
        + first
        + "\",\"text:"
        + second
        + "\"],\"price\":"
        + random.nextInt(100)
        + ".5}";
  }

  private int count(String token) throws Exception {
    // The benchmark only needs to know whether enough agents exist; page through ids cheaply.
    int total = 0;
    String cursor = null;
    do {
      String path = "/agents?limit=100" + (cursor == null ? "" : "&cursor=" + cursor);
      String body = get(path, token).body();
      Matcher ids = Pattern.compile("\"binaryHash\"").matcher(body);
      while (ids.find()) {
        total++;
      }
      Matcher next = Pattern.compile("\"nextCursor\"\\s*:\\s*\"([^\"]+)\"").matcher(body);
      cursor = next.find() ? next.group(1) : null;
    } while (cursor != null);
    return total;
  }

  private HttpResponse<String> upload(String metadata, byte[] module, String apiKey)
      throws Exception {
    String boundary = "bench" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream(module.length + 1024);
    body.writeBytes(
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
    body.writeBytes(module);
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url + "/agents"))
            .header("Authorization", "Bearer " + apiKey)
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String json, String bearer) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json));
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String path, String bearer) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url + path))
            .header("Authorization", "Bearer " + bearer)
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String field(HttpResponse<String> response, String name) {
    Matcher m = FIELD.matcher(response.body());
    while (m.find()) {
      if (m.group(1).equals(name)) {
        return m.group(2);
      }
    }
    throw new IllegalStateException(
        "no " + name + " in " + response.statusCode() + " " + response.body());
  }

  private static String json(String username, String password) {
    return "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}";
  }

  private static double millis(long[] sorted, double quantile) {
    int index = (int) Math.ceil(quantile * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(index, sorted.length - 1))] / 1e6;
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
