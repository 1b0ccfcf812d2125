package io.agentry.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentry.sandbox.http.HostResolver;
import io.agentry.sandbox.http.HttpLimits;
import io.agentry.sandbox.http.HttpPermissions;
import io.agentry.sandbox.http.HttpSettings;
import io.agentry.wire.TaskStatus;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Outbound HTTP from agents against local servers: what a permitted origin answers, and every
 * refusal with its code (docs/contract.md section 4).
 */
class OutboundHttpTest {

  private static final HostResolver NO_DNS =
      host -> {
        throw new UnknownHostException(host);
      };

  private final LocalHttpServer server = LocalHttpServer.http();
  private final LocalHttpServer other = LocalHttpServer.http();

  @AfterEach
  void stop() {
    server.close();
    other.close();
  }

  /** Local servers are private destinations: these tests allow them, unless a test says not. */
  private static HttpSettings local() {
    return HttpSettings.defaults().withAllowPrivate(true).withResolver(NO_DNS);
  }

  @Test
  void aPermittedOriginAnswersAndTheRunCountsItsRequestAndBytes() {
    server.text("/hello", "hello from the server");

    RunOutcome outcome =
        run(HttpAgents.FETCH, get(server.origin() + "/hello"), local(), List.of(server.origin()));

    assertEquals(TaskStatus.SUCCEEDED, outcome.status(), outcome.result().error());
    assertEquals("hello from the server", stdout(outcome));
    ByteBuffer head = ByteBuffer.wrap(outcome.result().stderr()).order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(200, head.getInt());
    assertEquals(21, head.getInt());
    assertEquals(1, head.getInt());
    assertEquals(
        "text/plain",
        new String(
            Arrays.copyOfRange(outcome.result().stderr(), 12, outcome.result().stderr().length),
            StandardCharsets.UTF_8));
    assertEquals(1, outcome.result().usage().httpRequests());
    assertEquals(21, outcome.result().usage().httpBytes());
  }

  @Test
  void anOriginOutsideThePermissionsIsCodeOneAndNothingIsSent() {
    server.text("/", "secret");

    RunOutcome outcome =
        run(HttpAgents.FETCH, get(server.origin() + "/"), local(), List.of(other.origin()));

    assertEquals(1, outcome.result().exitCode());
    assertEquals(0, server.requests());
    assertEquals(0, outcome.result().usage().httpRequests());
  }

  @Test
  void aModuleWithoutPermissionsGetsCodeOne() {
    server.text("/", "secret");

    RunOutcome outcome = run(HttpAgents.FETCH, get(server.origin() + "/"), local(), List.of());

    assertEquals(1, outcome.result().exitCode());
    assertEquals(0, server.requests());
  }

  @Test
  void aPrivateDestinationIsCodeOneUnlessTheOperatorAllowsIt() {
    server.text("/", "internal");
    HttpSettings production = HttpSettings.defaults().withResolver(NO_DNS);

    RunOutcome outcome =
        run(HttpAgents.FETCH, get(server.origin() + "/"), production, List.of(server.origin()));
    RunOutcome metadata =
        run(
            HttpAgents.FETCH,
            get("http://169.254.169.254/latest/meta-data/"),
            production,
            List.of("http://169.254.169.254"));

    assertEquals(1, outcome.result().exitCode());
    assertEquals(1, metadata.result().exitCode());
    assertEquals(0, server.requests());
  }

  @Test
  void aNameThatResolvesToAPrivateAddressIsCodeOne() {
    server.text("/", "internal");
    AtomicInteger lookups = new AtomicInteger();
    HostResolver rebinding =
        host -> {
          lookups.incrementAndGet();
          return new InetAddress[] {InetAddress.getByName("127.0.0.1")};
        };
    String origin = "http://api.example.test:" + server.port();

    RunOutcome outcome =
        run(
            HttpAgents.FETCH,
            get(origin + "/"),
            HttpSettings.defaults().withResolver(rebinding),
            List.of(origin));

    assertEquals(1, outcome.result().exitCode());
    assertEquals(0, server.requests());
    assertEquals(1, lookups.get());
  }

  @Test
  void aNameTheSystemResolvesToLoopbackIsCodeOneWithTheDefaultSettings() {
    server.text("/", "internal");
    String origin = "http://localhost:" + server.port();

    RunOutcome outcome =
        run(HttpAgents.FETCH, get(origin + "/"), HttpSettings.defaults(), List.of(origin));
    RunOutcome allowed =
        run(
            HttpAgents.FETCH,
            get(origin + "/"),
            HttpSettings.defaults().withAllowPrivate(true),
            List.of(origin));

    assertEquals(1, outcome.result().exitCode(), outcome.result().error());
    assertEquals(TaskStatus.SUCCEEDED, allowed.status(), allowed.result().error());
    assertEquals("internal", stdout(allowed));
    assertEquals(1, server.requests());
  }

  @Test
  void aNameIsResolvedOnceAndItsCheckedAddressIsTheOneConnectedTo() {
    server.text("/", "pinned");
    AtomicInteger lookups = new AtomicInteger();
    // A rebinding resolver: the first answer is the server, every later one elsewhere.
    HostResolver rebinding =
        host ->
            new InetAddress[] {
              InetAddress.getByName(lookups.getAndIncrement() == 0 ? "127.0.0.1" : "192.0.2.1")
            };
    String origin = "http://api.example.test:" + server.port();

    RunOutcome outcome =
        run(HttpAgents.FETCH, get(origin + "/"), local().withResolver(rebinding), List.of(origin));

    assertEquals(TaskStatus.SUCCEEDED, outcome.status(), outcome.result().error());
    assertEquals("pinned", stdout(outcome));
    assertEquals(1, lookups.get());
    assertEquals(List.of("api.example.test:" + server.port()), server.hosts());
  }

  @Test
  void aRedirectOutOfThePermittedOriginsIsCodeOne() {
    other.text("/", "elsewhere");
    server.redirect("/away", 302, other.origin() + "/");

    RunOutcome outcome =
        run(HttpAgents.FETCH, get(server.origin() + "/away"), local(), List.of(server.origin()));

    assertEquals(1, outcome.result().exitCode());
    assertEquals(1, server.requests());
    assertEquals(0, other.requests());
  }

  @Test
  void redirectsWithinThePermittedOriginsAreFollowedAndCredentialsStayWithTheirOrigin() {
    other.text("/end", "arrived");
    server.redirect("/start", 302, "/middle");
    server.redirect("/middle", 307, other.origin() + "/end");

    RunOutcome outcome =
        run(
            HttpAgents.FETCH,
            "{\"url\":\""
                + server.origin()
                + "/start\",\"headers\":{\"Authorization\":\"Bearer only-for-server\"}}",
            local(),
            List.of(server.origin(), other.origin()));

    assertEquals(TaskStatus.SUCCEEDED, outcome.status(), outcome.result().error());
    assertEquals("arrived", stdout(outcome));
    assertEquals(3, outcome.result().usage().httpRequests());
    assertEquals(
        List.of("Bearer only-for-server", "Bearer only-for-server"), server.authorizations());
    assertEquals(List.of(""), other.authorizations());
  }

  @Test
  void afterFiveRedirectsTheSixthIsGivenToTheModuleAsItIs() {
    server.redirect("/loop", 302, "/loop");

    RunOutcome outcome =
        run(HttpAgents.FETCH, get(server.origin() + "/loop"), local(), List.of(server.origin()));

    assertEquals(TaskStatus.SUCCEEDED, outcome.status(), outcome.result().error());
    assertEquals(
        302, ByteBuffer.wrap(outcome.result().stderr()).order(ByteOrder.LITTLE_ENDIAN).getInt());
    assertEquals(6, server.requests());
  }

  @Test
  void aSlowServerIsCutByTheTasksTimeLimit() {
    CountDownLatch release = new CountDownLatch(1);
    server.on("/slow", exchange -> await(release));
    try {
      long start = System.nanoTime();
      RunOutcome outcome =
          run(
              HttpAgents.FETCH,
              get(server.origin() + "/slow"),
              local(),
              List.of(server.origin()),
              500);

      long tookMs = (System.nanoTime() - start) / 1_000_000;
      assertEquals(TaskStatus.TIMED_OUT, outcome.status(), outcome.result().error());
      assertTrue(tookMs < 20_000, "the run waited for the server: " + tookMs + " ms");
      assertEquals(1, server.requests());
    } finally {
      release.countDown();
    }
  }

  @Test
  void aServerThatDoesNotAnswerWithinTheRequestTimeoutIsCodeFour() {
    CountDownLatch release = new CountDownLatch(1);
    server.on("/slow", exchange -> await(release));
    HttpSettings settings = local().withLimits(limits(32, 1 << 20, 8, Duration.ofMillis(300)));
    try {
      RunOutcome outcome =
          run(HttpAgents.FETCH, get(server.origin() + "/slow"), settings, List.of(server.origin()));

      assertEquals(4, outcome.result().exitCode(), outcome.result().error());
    } finally {
      release.countDown();
    }
  }

  @Test
  void cancellationInterruptsARequestInFlight() throws Exception {
    CountDownLatch arrived = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    server.on(
        "/slow",
        exchange -> {
          arrived.countDown();
          await(release);
        });
    RunControl control = new RunControl();
    try (Sandbox sandbox = new Sandbox(1 << 20, MemoryBudget.unlimited(), local())) {
      PreparedModule module = PreparedModule.prepare(HttpAgents.wasm(HttpAgents.FETCH));
      CompletableFuture<RunOutcome> running =
          CompletableFuture.supplyAsync(
              () ->
                  sandbox.run(
                      module,
                      request(get(server.origin() + "/slow"), List.of(server.origin()), 60_000),
                      control));
      assertTrue(arrived.await(10, TimeUnit.SECONDS));
      control.cancel();

      RunOutcome outcome = running.get(10, TimeUnit.SECONDS);
      assertEquals(TaskStatus.CANCELLED, outcome.status(), outcome.result().error());
    } finally {
      release.countDown();
    }
  }

  @Test
  void aDeclaredBodyOverTheLimitIsCodeSix() {
    server.on(
        "/huge",
        exchange -> {
          exchange.sendResponseHeaders(200, 5L * 1024 * 1024);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(new byte[64 * 1024]);
          } catch (IOException closedByTheClient) {
            // expected: the client refuses the body
          }
        });

    RunOutcome outcome =
        run(HttpAgents.FETCH, get(server.origin() + "/huge"), local(), List.of(server.origin()));

    assertEquals(6, outcome.result().exitCode(), outcome.result().error());
    assertEquals(0, outcome.result().usage().httpBytes());
  }

  @Test
  void aChunkedBodyIsCutAtTheByteLimitAndItsHandleClosed() {
    server.on(
        "/stream",
        exchange -> {
          exchange.sendResponseHeaders(200, 0); // chunked
          try (OutputStream out = exchange.getResponseBody()) {
            for (int i = 0; i < 64; i++) {
              out.write(new byte[1024]);
            }
          } catch (IOException closedByTheClient) {
            // expected
          }
        });
    HttpSettings settings = local().withLimits(limits(32, 10_000, 8, Duration.ofSeconds(30)));

    RunOutcome outcome =
        run(HttpAgents.FETCH, get(server.origin() + "/stream"), settings, List.of(server.origin()));

    assertEquals(50, outcome.result().exitCode(), outcome.result().error());
    assertEquals(10_000, outcome.result().stdout().length);
    assertEquals(10_000, outcome.result().usage().httpBytes());
    assertEquals(
        -1, ByteBuffer.wrap(outcome.result().stderr()).order(ByteOrder.LITTLE_ENDIAN).getInt(4));
  }

  @Test
  void aFloodIsStoppedByTheRequestLimit() {
    server.text("/", "x");

    RunOutcome outcome =
        run(HttpAgents.FLOOD, get(server.origin() + "/"), local(), List.of(server.origin()));

    assertEquals(5, outcome.result().exitCode(), outcome.result().error());
    assertEquals(32, server.requests());
    assertEquals(32, outcome.result().usage().httpRequests());
  }

  @Test
  void responsesLeftOpenAreLimitedToEight() {
    server.text("/", "x");

    RunOutcome outcome =
        run(HttpAgents.HOLD, get(server.origin() + "/"), local(), List.of(server.origin()));

    assertEquals(5, outcome.result().exitCode(), outcome.result().error());
    assertEquals(8, server.requests());
  }

  @Test
  void pointersOutsideMemoryAreCodeSeven() {
    RunOutcome request =
        run(HttpAgents.POINTER_OUTSIDE_MEMORY, "", local(), List.of(server.origin()));
    RunOutcome read = run(HttpAgents.READ_OUTSIDE_MEMORY, "", local(), List.of(server.origin()));

    assertEquals(7, request.result().exitCode());
    assertEquals(7, read.result().exitCode());
  }

  @Test
  void anInvalidRequestIsCodeTwo() {
    for (String invalid :
        List.of(
            "not json",
            "{\"url\":\"ftp://127.0.0.1/\"}",
            "{\"url\":\"http://user:pw@127.0.0.1/\"}",
            "{\"method\":\"CONNECT\",\"url\":\"" + server.origin() + "/\"}",
            "{\"url\":\"" + server.origin() + "/\",\"headers\":{\"Host\":\"evil\"}}",
            "{\"url\":\"" + server.origin() + "/\",\"headers\":{\"X\":\"a\\r\\nInjected: 1\"}}",
            "{\"url\":\"" + server.origin() + "/\",\"extra\":1}")) {
      RunOutcome outcome = run(HttpAgents.FETCH, invalid, local(), List.of(server.origin()));
      assertEquals(2, outcome.result().exitCode(), invalid);
    }
    assertEquals(0, server.requests());
  }

  @Test
  void httpsChecksTheCertificateAgainstTheHostName() {
    try (LocalHttpServer secure = LocalHttpServer.https()) {
      secure.text("/", "over tls");
      HostResolver loopback = host -> new InetAddress[] {InetAddress.getByName("127.0.0.1")};
      String origin = "https://localhost:" + secure.port();
      String wrongName = "https://api.example.test:" + secure.port();
      HttpSettings trusting = local().withResolver(loopback).withTls(LocalHttpServer.trustingTls());

      RunOutcome trusted = run(HttpAgents.FETCH, get(origin + "/"), trusting, List.of(origin));
      RunOutcome untrusted =
          run(HttpAgents.FETCH, get(origin + "/"), local().withResolver(loopback), List.of(origin));
      RunOutcome mismatched =
          run(HttpAgents.FETCH, get(wrongName + "/"), trusting, List.of(wrongName));

      assertEquals(TaskStatus.SUCCEEDED, trusted.status(), trusted.result().error());
      assertEquals("over tls", stdout(trusted));
      assertEquals(3, untrusted.result().exitCode());
      assertEquals(3, mismatched.result().exitCode());
      assertEquals(1, secure.requests());
    }
  }

  @Test
  void aRequestBodyIsSent() {
    server.on(
        "/echo",
        exchange -> {
          byte[] body = exchange.getRequestBody().readAllBytes();
          LocalHttpServer.send(
              exchange,
              201,
              "text/plain",
              exchange.getRequestMethod() + " " + new String(body, StandardCharsets.UTF_8));
        });
    String agent =
        HttpAgents.FETCH.replace(
            "(i32.load (i32.const 8)) (i32.const 0) (i32.const 0)",
            "(i32.load (i32.const 8)) (i32.const 300) (i32.const 4)");
    agent =
        agent.replace(
            "(data (i32.const 256) \"content-type\")",
            "(data (i32.const 256) \"content-type\") (data (i32.const 300) \"ping\")");

    RunOutcome outcome =
        run(
            agent,
            "{\"method\":\"POST\",\"url\":\"" + server.origin() + "/echo\"}",
            local(),
            List.of(server.origin()));

    assertEquals(TaskStatus.SUCCEEDED, outcome.status(), outcome.result().error());
    assertEquals("POST ping", stdout(outcome));
  }

  static HttpLimits limits(
      int requests, long responseBytes, int openResponses, Duration requestTimeout) {
    HttpLimits defaults = HttpLimits.defaults();
    return new HttpLimits(
        requests,
        responseBytes,
        defaults.maxTotalBytes(),
        openResponses,
        defaults.maxRequestBytes(),
        defaults.maxRequestBodyBytes(),
        defaults.maxHeadBytes(),
        requestTimeout);
  }

  private static String get(String url) {
    return "{\"url\":\"" + url + "\"}";
  }

  private static RunOutcome run(
      String wat, String stdin, HttpSettings settings, List<String> origins) {
    return run(wat, stdin, settings, origins, 30_000);
  }

  private static RunOutcome run(
      String wat, String stdin, HttpSettings settings, List<String> origins, int timeoutMs) {
    try (Sandbox sandbox = new Sandbox(1 << 20, MemoryBudget.unlimited(), settings)) {
      return sandbox.run(
          PreparedModule.prepare(HttpAgents.wasm(wat)), request(stdin, origins, timeoutMs));
    }
  }

  private static RunRequest request(String stdin, List<String> origins, int timeoutMs) {
    return new RunRequest(
        stdin.getBytes(StandardCharsets.UTF_8),
        List.of("fetch"),
        Map.of(),
        timeoutMs,
        16,
        HttpPermissions.of(origins));
  }

  private static String stdout(RunOutcome outcome) {
    return new String(outcome.result().stdout(), StandardCharsets.UTF_8);
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
