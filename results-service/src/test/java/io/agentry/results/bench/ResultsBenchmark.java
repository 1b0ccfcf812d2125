package io.agentry.results.bench;

import io.agentry.localstack.Component;
import io.agentry.localstack.LocalStack;
import io.agentry.localstack.StackOptions;
import io.agentry.results.Events;
import io.agentry.results.ResultsProcess;
import io.agentry.wire.TaskEvent;
import io.agentry.wire.TaskMessage;
import io.agentry.wire.TaskResult;
import io.agentry.wire.TaskStatus;
import io.agentry.wire.Topics;
import io.agentry.wire.WireCodec;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Measures the results service and prints two numbers: events persisted per second (QUEUED, RUNNING
 * and SUCCEEDED events of many tasks, produced as fast as Kafka takes them, until the agent's
 * statistics count every task) and the WebSocket latency from the moment a record is sent to Kafka
 * to its receipt by a client of {@code /events} (p50, p99, max).
 *
 * <p>Not a test. By default it starts what it needs (PostgreSQL and Kafka of the local stack, and
 * the packaged service from {@code target/quarkus-app}, trusting the test key); with {@code --url},
 * {@code --kafka} and {@code --token} (a registry token) it measures a running stack instead.
 *
 * <pre>
 * java -cp results-service/target/test-classes:$(cat results-service/target/bench.cp) \
 *     io.agentry.results.bench.ResultsBenchmark [--events 150000] [--latency-events 5000] \
 *     [--rate 1000] [--clients 4] [--url http://127.0.0.1:8082 --kafka 127.0.0.1:9092 --token T]
 * </pre>
 */
public final class ResultsBenchmark {

  private static final Pattern TASK_ID = Pattern.compile("\"taskId\"\\s*:\\s*\"([0-9a-f-]{36})\"");
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final URI url;
  private final String kafka;
  private final String token;
  private final UUID userId;
  private final KafkaProducer<String, byte[]> producer;
  private final Map<String, CountDownLatch> markers = new ConcurrentHashMap<>();

  private ResultsBenchmark(URI url, String kafka, String token) {
    this.url = url;
    this.kafka = kafka;
    this.token = token;
    this.userId = subjectOf(token);
    this.producer = new Events(kafka).producer();
  }

  public static void main(String[] args) throws Exception {
    int events = Integer.parseInt(option(args, "--events", "150000"));
    int latencyEvents = Integer.parseInt(option(args, "--latency-events", "5000"));
    int rate = Integer.parseInt(option(args, "--rate", "1000"));
    int clients = Integer.parseInt(option(args, "--clients", "4"));
    String url = option(args, "--url", null);
    if (url != null) {
      String token = option(args, "--token", null);
      new ResultsBenchmark(URI.create(url), option(args, "--kafka", "127.0.0.1:9092"), token)
          .run(events, latencyEvents, rate, clients);
      return;
    }
    Path home = Files.createTempDirectory("results-bench");
    try (LocalStack stack =
            LocalStack.start(
                StackOptions.ephemeral(home, EnumSet.of(Component.POSTGRES, Component.KAFKA)));
        ResultsProcess service =
            ResultsProcess.start(
                stack.endpoints(), List.of("-Xmx512m", "-XX:+UseParallelGC"), Map.of())) {
      System.out.println("stack and service started");
      new ResultsBenchmark(
              service.http(""), stack.endpoints().kafkaBootstrap(), testToken(UUID.randomUUID()))
          .run(events, latencyEvents, rate, clients);
    }
    System.exit(0);
  }

  private void run(int events, int latencyEvents, int rate, int clients) throws Exception {
    persistence(Math.max(3000, events / 10), true);
    double perSecond = persistence(events, false);
    long[] latencies = latency(latencyEvents, rate, clients);
    System.out.printf(
        "%nevents persisted: %,d in one run, %,.0f events/s%n", events - events % 3, perSecond);
    System.out.printf(
        "websocket latency (Kafka send -> client receipt), %,d events x %d clients at %d/s:"
            + " p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
        latencyEvents,
        clients,
        rate,
        percentile(latencies, 0.50),
        percentile(latencies, 0.99),
        latencies[latencies.length - 1] / 1e6);
    producer.close();
  }

  /**
   * Produces whole runs of events/3 tasks of one new agent; returns events persisted per second.
   */
  private double persistence(int events, boolean warmup) throws Exception {
    UUID agent = UUID.randomUUID();
    // Another user than the WebSocket clients', so that these events never reach them.
    UUID owner = UUID.randomUUID();
    int tasks = events / 3;
    TaskResult result =
        new TaskResult(
            0, "HELLO WORLD".getBytes(StandardCharsets.UTF_8), new byte[0], false, false, 3, null);
    long began = System.nanoTime();
    Instant at = Instant.now();
    for (int i = 0; i < tasks; i++) {
      TaskMessage task = Events.task(owner, agent);
      send(TaskEvent.queued(task, at));
      send(TaskEvent.running(task, 1, "bench", at.plusMillis(1)));
      send(TaskEvent.finished(task, TaskStatus.SUCCEEDED, 1, "bench", at.plusMillis(2), result));
    }
    producer.flush();
    double produced = (System.nanoTime() - began) / 1e9;
    while (completed(agent) < tasks) {
      Thread.sleep(200);
    }
    double seconds = (System.nanoTime() - began) / 1e9;
    double perSecond = tasks * 3 / seconds;
    System.out.printf(
        "%s: %,d events (%,d tasks) produced in %.2f s, persisted in %.2f s: %,.0f events/s%n",
        warmup ? "warm-up" : "measured", tasks * 3, tasks, produced, seconds, perSecond);
    return perSecond;
  }

  /** Paced QUEUED events of new tasks; the latency of each receipt on each client, sorted. */
  private long[] latency(int events, int rate, int clients) throws Exception {
    Map<String, Long> sentAt = new ConcurrentHashMap<>();
    List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    int warmup = Math.min(1000, events);
    CountDownLatch received = new CountDownLatch((events + warmup) * clients);
    List<WebSocket> sockets = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      sockets.add(connect(sentAt, latencies, received, warmup));
    }
    UUID agent = UUID.randomUUID();
    awaitLiveConsumer(sentAt, agent);
    KafkaProbe probe = KafkaProbe.start(kafka, sentAt);
    long intervalNanos = 1_000_000_000L / rate;
    long next = System.nanoTime();
    for (int i = 0; i < events + warmup; i++) {
      TaskMessage task = Events.task(userId, agent);
      long now;
      while ((now = System.nanoTime()) < next) {
        LockSupport.parkNanos(next - now);
      }
      next += intervalNanos;
      sentAt.put(task.taskId().toString() + (i < warmup ? "w" : ""), now);
      send(TaskEvent.queued(task, Instant.now()));
    }
    producer.flush();
    if (!received.await(60, TimeUnit.SECONDS)) {
      System.out.printf("only %,d receipts arrived%n", latencies.size());
    }
    sockets.forEach(WebSocket::abort);
    long[] direct = probe.stop();
    System.out.printf(
        "for reference, a plain Kafka consumer in this process: p50 %.1f ms, p99 %.1f ms%n",
        percentile(direct, 0.50), percentile(direct, 0.99));
    long[] sorted = latencies.stream().mapToLong(Long::longValue).toArray();
    Arrays.sort(sorted);
    return sorted;
  }

  /**
   * Waits until the live consumer has caught up with everything produced so far: a marker record
   * sent now reaches every client.
   */
  private void awaitLiveConsumer(Map<String, Long> sentAt, UUID agent) throws Exception {
    TaskMessage marker = Events.task(userId, agent);
    CountDownLatch seen = new CountDownLatch(1);
    markers.put(marker.taskId().toString(), seen);
    send(TaskEvent.queued(marker, Instant.now()));
    producer.flush();
    if (!seen.await(120, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the live consumer did not catch up in 120 s");
    }
  }

  private WebSocket connect(
      Map<String, Long> sentAt, List<Long> latencies, CountDownLatch received, int warmup)
      throws Exception {
    URI ws =
        URI.create(url.toString().replaceFirst("^http", "ws").replaceFirst("/$", "") + "/events");
    WebSocket.Listener listener =
        new WebSocket.Listener() {
          private final StringBuilder text = new StringBuilder();

          @Override
          public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            long now = System.nanoTime();
            text.append(data);
            if (last) {
              Matcher m = TASK_ID.matcher(text);
              if (m.find()) {
                Long sent = sentAt.get(m.group(1));
                CountDownLatch marker = markers.get(m.group(1));
                if (marker != null) {
                  marker.countDown();
                } else {
                  if (sent != null) {
                    latencies.add(now - sent);
                  }
                  received.countDown();
                }
              }
              text.setLength(0);
            }
            socket.request(1);
            return null;
          }
        };
    WebSocket socket =
        HTTP.newWebSocketBuilder()
            .header("Authorization", "Bearer " + token)
            .buildAsync(ws, listener)
            .get(10, TimeUnit.SECONDS);
    socket.request(1);
    return socket;
  }

  private long completed(UUID agent) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(url.resolve("/agents/" + agent + "/stats"))
                .header("Authorization", "Bearer " + token)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    Matcher m = Pattern.compile("\"tasksCompleted\"\\s*:\\s*(\\d+)").matcher(response.body());
    if (response.statusCode() != 200 || !m.find()) {
      throw new IllegalStateException(
          "stats answered " + response.statusCode() + ": " + response.body());
    }
    return Long.parseLong(m.group(1));
  }

  private void send(TaskEvent event) {
    producer.send(
        new ProducerRecord<>(
            Topics.TASK_EVENTS, event.taskId().toString(), WireCodec.encode(event)));
  }

  private static double percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int index = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(index, sorted.length - 1))] / 1e6;
  }

  private static String testToken(UUID userId) throws Exception {
    try (InputStream pem = ResultsBenchmark.class.getResourceAsStream("/test-private-key.pem")) {
      PrivateKey key =
          KeyUtils.decodePrivateKey(new String(pem.readAllBytes(), StandardCharsets.UTF_8));
      return Jwt.issuer("agentry")
          .audience("agentry-api")
          .subject(userId.toString())
          .upn("bench")
          .expiresIn(Duration.ofHours(2))
          .sign(key);
    }
  }

  private static UUID subjectOf(String token) {
    String payload =
        new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
    Matcher m = Pattern.compile("\"sub\"\\s*:\\s*\"([^\"]+)\"").matcher(payload);
    if (!m.find()) {
      throw new IllegalArgumentException("the token has no subject");
    }
    return UUID.fromString(m.group(1));
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
