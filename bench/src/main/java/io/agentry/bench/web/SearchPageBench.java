package io.agentry.bench.web;

import io.agentry.bench.Report;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The search page's server time over a marketplace of many agents: seeds {@code --agents} (10,000)
 * agents, then times, from {@code --concurrency} (4) clients, {@code --requests} (2,000) of each:
 * the Find page's HTML, the search it makes (a word every agent has, a rare word, a prefix), the
 * list it shows without words, and a whole page view (the search, then the statistics of its 20
 * results, as the page's script asks for them). Prints p50 / p95 / p99 / max in milliseconds.
 * Starts its own platform on free ports unless {@code --url http://host:port} names a running one
 * (whose rate limits must then be off).
 */
public final class SearchPageBench {

  private static final String[] WORDS = {
    "text",
    "json",
    "count",
    "words",
    "lines",
    "convert",
    "format",
    "parse",
    "image",
    "audio",
    "summary",
    "translate",
    "encode",
    "decode",
    "compress",
    "validate",
    "sort",
    "filter",
    "merge",
    "split",
    "hash",
    "sign",
    "markdown",
    "csv",
    "yaml",
    "report",
    "clean",
    "extract",
    "detect",
  };
  private static final Pattern RESULT_ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .executor(Executors.newFixedThreadPool(8))
          .build();

  private final String gateway;
  private final String apiKey;

  private SearchPageBench(String gateway, String apiKey) {
    this.gateway = gateway;
    this.apiKey = apiKey;
  }

  public static void main(String[] args) throws Exception {
    int agents = intOption(args, "--agents", 10_000);
    int requests = intOption(args, "--requests", 2_000);
    int concurrency = intOption(args, "--concurrency", 4);
    String url = textOption(args, "--url", null);
    if (url != null) {
      run(url, agents, requests, concurrency);
      return;
    }
    // In the checkout's .agentry/tmp (./agentry reset empties it), never in the system's temp
    // folder.
    Path home =
        Files.createTempDirectory(
            Files.createDirectories(Path.of(".agentry", "tmp")), "search-bench-");
    try (OwnPlatform platform = new OwnPlatform(home)) {
      run(platform.gatewayUrl(), agents, requests, concurrency);
    } finally {
      deleteTree(home);
    }
    System.exit(0);
  }

  private static void run(String gateway, int agents, int requests, int concurrency)
      throws Exception {
    SearchPageBench bench = new SearchPageBench(gateway, register(gateway));
    long started = System.nanoTime();
    bench.seed(agents, Files.readAllBytes(Path.of("samples/rot13/rot13.wasm")));
    System.out.printf("seeded %,d agents in %.1f s%n", agents, (System.nanoTime() - started) / 1e9);
    String rare = "zephyr";
    List<String[]> scenarios =
        List.of(
            new String[] {"Find page (HTML)", "/"},
            new String[] {"search, a word every agent has", "/api/v1/agents/search?q=text"},
            new String[] {"search, a word 1 % have", "/api/v1/agents/search?q=" + rare},
            new String[] {"search, a prefix", "/api/v1/agents/search?q=transl"},
            new String[] {
              "list, best rated (no words)", "/api/v1/agents?status=active&sort=rating"
            });
    List<List<String>> rows = new ArrayList<>();
    for (String[] scenario : scenarios) {
      rows.add(bench.measure(scenario[0], () -> bench.get(scenario[1]), requests, concurrency));
    }
    rows.add(
        bench.measure(
            "page view: search + the 20 results' statistics",
            () -> bench.pageView("/api/v1/agents/search?q=text"),
            Math.max(200, requests / 10),
            concurrency));
    Report report = new Report();
    report.heading("Search page over " + String.format("%,d", agents) + " agents");
    report.table(List.of("request", "count", "p50", "p95", "p99", "max"), rows);
  }

  private List<String> measure(String name, Supplier<Void> request, int count, int concurrency)
      throws Exception {
    for (int i = 0; i < Math.min(200, count); i++) {
      request.get();
    }
    long[] nanos = new long[count];
    AtomicInteger next = new AtomicInteger();
    ExecutorService clients = Executors.newFixedThreadPool(concurrency);
    List<CompletableFuture<Void>> done = new ArrayList<>();
    for (int c = 0; c < concurrency; c++) {
      done.add(
          CompletableFuture.runAsync(
              () -> {
                for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                  long start = System.nanoTime();
                  request.get();
                  nanos[i] = System.nanoTime() - start;
                }
              },
              clients));
    }
    CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).join();
    clients.shutdown();
    Arrays.sort(nanos);
    List<String> row =
        List.of(
            name,
            String.valueOf(count),
            Report.ms(nanos[(int) Math.ceil(0.50 * count) - 1] / 1e6),
            Report.ms(nanos[(int) Math.ceil(0.95 * count) - 1] / 1e6),
            Report.ms(nanos[(int) Math.ceil(0.99 * count) - 1] / 1e6),
            Report.ms(nanos[count - 1] / 1e6));
    System.out.println(String.join(" | ", row));
    return row;
  }

  private Void get(String path) {
    HttpResponse<String> response = send(path);
    if (response.statusCode() != 200) {
      throw new IllegalStateException("GET " + path + ": HTTP " + response.statusCode());
    }
    return null;
  }

  /** The search, then the statistics of each result in parallel, as the Find page does. */
  private Void pageView(String search) {
    String body = send(search).body();
    List<CompletableFuture<HttpResponse<String>>> stats = new ArrayList<>();
    Matcher ids = RESULT_ID.matcher(body);
    while (ids.find()) {
      stats.add(
          HTTP.sendAsync(
              request("/api/v1/agents/" + ids.group(1) + "/stats").build(),
              HttpResponse.BodyHandlers.ofString()));
    }
    stats.forEach(CompletableFuture::join);
    return null;
  }

  private void seed(int count, byte[] module) throws Exception {
    ExecutorService uploaders = Executors.newFixedThreadPool(8);
    AtomicInteger next = new AtomicInteger();
    List<CompletableFuture<Void>> done = new ArrayList<>();
    for (int c = 0; c < 8; c++) {
      done.add(
          CompletableFuture.runAsync(
              () -> {
                for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                  upload(i, module);
                }
              },
              uploaders));
    }
    CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).join();
    uploaders.shutdown();
  }

  private void upload(int i, byte[] module) {
    StringBuilder description = new StringBuilder("A text agent that does ");
    for (int w = 0; w < 12; w++) {
      description.append(WORDS[(i * 7 + w * 13) % WORDS.length]).append(' ');
    }
    if (i % 100 == 0) {
      description.append("zephyr");
    }
    String metadata =
        String.format(
            "{\"name\":\"search-%d-%s\",\"version\":\"1.0.0\",\"description\":\"%s\","
                + "\"capabilities\":[\"%s\"],\"price\":%d.%02d}",
            i,
            UUID.randomUUID().toString().substring(0, 6),
            description.toString().trim(),
            WORDS[i % WORDS.length],
            i % 5,
            i % 100);
    String boundary = "bench" + UUID.randomUUID().toString().replace("-", "");
    ByteArrayOutputStream body = new ByteArrayOutputStream();
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
    HttpResponse<String> response =
        send(
            request("/api/v1/agents")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    if (response.statusCode() != 201) {
      throw new IllegalStateException(
          "upload: HTTP " + response.statusCode() + " " + response.body());
    }
  }

  private static String register(String gateway) {
    String username = "search-bench-" + UUID.randomUUID().toString().substring(0, 8);
    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(URI.create(gateway + "/api/v1/users/register"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"username\":\"" + username + "\",\"password\":\"bench-password\"}")));
    Matcher key = Pattern.compile("\"apiKey\":\"([^\"]+)\"").matcher(response.body());
    if (response.statusCode() != 201 || !key.find()) {
      throw new IllegalStateException("register: HTTP " + response.statusCode());
    }
    return key.group(1);
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(gateway + path))
        .header("Authorization", "Bearer " + apiKey)
        .timeout(Duration.ofSeconds(30));
  }

  private HttpResponse<String> send(String path) {
    return send(request(path));
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static int intOption(String[] args, String name, int fallback) {
    String value = textOption(args, name, null);
    return value == null ? fallback : Integer.parseInt(value);
  }

  private static String textOption(String[] args, String name, String fallback) {
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals(name)) {
        return args[i + 1];
      }
    }
    return fallback;
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (var paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
