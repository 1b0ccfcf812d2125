package io.agentry.e2e;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentry.localstack.PackagedService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * A hostile author's agents, several copies of each kind submitted all at once in the middle of a
 * well-behaved user's steady load: each hostile task ends as docs/contract.md section 4 says, every
 * normal task succeeds with its exact output, and both executors stay the same healthy processes.
 */
class HostileAgentsE2ETest {

  private static final int NORMAL_TASKS = 300;
  private static final int BURST_AFTER = 100;
  private static final int COPIES = 3;
  private static final int TIMEOUT_MS = 2_000;
  private static final int BOMB_MEMORY_MB = 128;
  private static final int OUTPUT_CAP = 1024 * 1024;

  /** Far more than any task here needs on a loaded machine: a task that takes this long hangs. */
  private static final Duration TASK_END = Duration.ofMinutes(2);

  /** From submission to the end of a normal task, hostile tasks running beside it included. */
  private static final Duration NORMAL_TASK_BOUND = Duration.ofSeconds(60);

  /** The executors run with a 384 MiB heap; their whole process stays well below this. */
  private static final long RESIDENT_BOUND_MIB = 1024;

  private final Platform platform = Platform.get();
  private final PublicApi author = PublicApi.newUser(platform.apiUrl());
  private final PublicApi user = PublicApi.newUser(platform.apiUrl());

  /** One kind of hostile agent: its task's body and what its result must be. */
  private record Hostile(String kind, Map<String, Object> task, Expectation expected) {}

  private interface Expectation {
    void check(String taskId, JsonNode result);
  }

  @Test
  void hostileAgentsSubmittedAllAtOnceUnderLoadEndAsTheContractSaysAndHarmNothingElse() {
    List<PackagedService> executors = platform.executors();
    Map<Long, Long> residentBefore = residentMib(executors);
    String rot13 = user.upload("rot13", "1.0.0", Agents.sample("rot13")).path("id").asText();
    List<Hostile> hostiles = uploadHostileAgents();

    Map<String, String> normalInputs = new LinkedHashMap<>();
    List<CompletableFuture<Map.Entry<String, Hostile>>> burst = new ArrayList<>();
    ExecutorService submitters = Executors.newFixedThreadPool(hostiles.size() * COPIES);
    try {
      for (int i = 0; i < NORMAL_TASKS; i++) {
        if (i == BURST_AFTER) {
          burst = submitAllAtOnce(hostiles, submitters);
        }
        String input = "normal task " + i + " of " + user.username() + ", Hello, World!";
        normalInputs.put(user.accepted(Map.of("agentId", rot13, "input", input)), input);
      }
    } finally {
      submitters.shutdown();
    }
    List<Map.Entry<String, Hostile>> hostileTasks =
        burst.stream().map(CompletableFuture::join).toList();

    assertEveryHostileTaskEndedAsExpected(hostileTasks);
    assertEveryNormalTaskSucceededWithItsOutput(normalInputs);
    assertTheSameExecutorsAreHealthy(executors, residentBefore);
    assertAFreshTaskSucceedsQuickly(rot13);
  }

  @Test
  void anAgentImportingOutsideWasiIsRefusedAtUpload() {
    HttpResponse<String> refused = upload("imports-env", HostileAgents.importOutsideWasi());

    assertEquals(422, refused.statusCode(), refused.body());
    assertEquals("invalid-wasm", Problems.slug(refused.body()));
    assertTrue(
        PublicApi.read(refused.body()).path("detail").asText().contains("env.launch_missiles"),
        refused.body());
  }

  @Test
  void modulesTheSandboxCannotBoundAreRefusedAtUploadSayingWhatAndTheLimit() {
    assertAll(
        () ->
            assertRefusedAtUpload(
                "four-memories",
                HostileAgents.fourMemories(),
                "The module has 4 memories; an agent may have at most 1"),
        () ->
            assertRefusedAtUpload(
                "huge-table",
                HostileAgents.hugeTable(),
                "a table of 10000000 entries; a table may hold at most 65536 entries"),
        () ->
            assertRefusedAtUpload(
                "component", HostileAgents.component(), "is a WebAssembly component (WASI 0.2"));
  }

  @Test
  void aTaskProducedStraightToKafkaWithARefusedBinarysHashIsRejectedWithoutRunning()
      throws Exception {
    String agentId = author.upload("harmless", "1.0.0", Agents.exitWith(0)).path("id").asText();
    String refusedHash = sha256(HostileAgents.importOutsideWasi());
    UUID taskId = UUID.randomUUID();

    Kafka.produceTask(
        platform.kafkaBootstrap(),
        Kafka.directTask(taskId, agentId, author.userId(), refusedHash, new byte[0], List.of()));

    assertEquals(
        "REJECTED", author.awaitTerminal(taskId.toString(), TASK_END).path("status").asText());
    JsonNode result = author.getJson("/tasks/" + taskId + "/results");
    assertEquals(
        "binary sha256/"
            + refusedHash
            + " is not a version of agent "
            + agentId
            + "; a task runs only a binary of its own agent",
        result.path("error").asText(),
        result.toString());
  }

  /**
   * A producer with Kafka access runs its own binary under another author's public agent, to poison
   * that agent's statistics: the task is REJECTED and the statistics stay as they were.
   */
  @Test
  void aProducersOwnBinaryUnderAnotherAuthorsAgentIsRejectedAndTheirStatisticsStayUnchanged()
      throws Exception {
    String victimAgent = user.upload("victim", "1.0.0", Agents.sample("rot13")).path("id").asText();
    String normal = user.accepted(Map.of("agentId", victimAgent, "input", "before"));
    user.awaitTerminal(normal, TASK_END);
    JsonNode statsBefore = awaitStats(victimAgent, 1);
    String ownHash =
        author.upload("failing", "1.0.0", Agents.exitWith(1)).path("binaryHash").asText();
    List<UUID> forged = new ArrayList<>();
    for (int i = 0; i < COPIES; i++) {
      UUID taskId = UUID.randomUUID();
      forged.add(taskId);
      Kafka.produceTask(
          platform.kafkaBootstrap(),
          Kafka.directTask(taskId, victimAgent, author.userId(), ownHash, new byte[0], List.of()));
    }

    for (UUID taskId : forged) {
      JsonNode ended = author.awaitTerminal(taskId.toString(), TASK_END);
      assertEquals("REJECTED", ended.path("status").asText(), ended.toString());
    }
    String after = user.accepted(Map.of("agentId", victimAgent, "input", "after"));
    user.awaitTerminal(after, TASK_END);
    JsonNode statsAfter = awaitStats(victimAgent, 2);

    assertEquals(2, statsAfter.path("tasksCompleted").asInt(), statsAfter.toString());
    assertEquals(2, statsAfter.path("tasksSucceeded").asInt(), statsAfter.toString());
    assertEquals(0, statsAfter.path("tasksFailed").asInt(), statsAfter.toString());
    assertEquals(1, statsBefore.path("successRate").asDouble(), statsBefore.toString());
    assertEquals(1, statsAfter.path("successRate").asDouble(), statsAfter.toString());
  }

  private List<Hostile> uploadHostileAgents() {
    List<Hostile> hostiles = new ArrayList<>();
    hostiles.add(
        hostile(
            "endless-loop", Agents.forever(), Map.of("timeoutMs", TIMEOUT_MS), timedOut(false)));
    hostiles.add(
        hostile(
            "blocked-in-poll-oneoff",
            HostileAgents.blockedInPollOneoff(),
            Map.of("timeoutMs", TIMEOUT_MS),
            timedOut(false)));
    hostiles.add(
        hostile(
            "memory-bomb",
            HostileAgents.memoryBomb(),
            Map.of("timeoutMs", 60_000, "maxMemoryMb", BOMB_MEMORY_MB),
            // From 1 page in steps of 16, the last grow that fits leaves 2033 pages (127 MiB).
            failedWith(
                error ->
                    error.startsWith("trapped: ")
                        && error.endsWith(
                            "; its memory had grown to "
                                + (BOMB_MEMORY_MB - 1)
                                + " MiB of the task's limit of "
                                + BOMB_MEMORY_MB
                                + " MiB"))));
    hostiles.add(
        hostile(
            "output-flood",
            HostileAgents.outputFlood(256),
            Map.of("timeoutMs", 60_000),
            this::succeededWithTruncatedOutput));
    hostiles.add(
        hostile(
            "endless-output-flood",
            HostileAgents.endlessOutputFlood(),
            Map.of("timeoutMs", TIMEOUT_MS),
            timedOut(true)));
    hostiles.add(
        hostile(
            "deep-recursion",
            HostileAgents.deepRecursion(),
            Map.of("timeoutMs", 60_000),
            failedWith(error -> error.equals("trapped: call stack exhausted"))));
    hostiles.add(
        hostile(
            "unreachable",
            Agents.trap(),
            Map.of("timeoutMs", 60_000),
            failedWith(error -> error.startsWith("trapped: ") && error.contains("unreachable"))));
    hostiles.add(
        hostile(
            "divide-by-zero",
            HostileAgents.divideByZero(),
            Map.of("timeoutMs", 60_000),
            failedWith(
                error -> error.startsWith("trapped: ") && error.contains("divide by zero"))));
    hostiles.add(
        hostile(
            "fd-read-huge-iovec",
            HostileAgents.fdReadHugeIovec(0x7ffffff0),
            Map.of("timeoutMs", 60_000, "maxMemoryMb", 16),
            // EFAULT: the iovec lies outside the module's 64 KiB; the host allocated nothing.
            (taskId, result) -> {
              assertEquals("FAILED", result.path("status").asText(), result.toString());
              assertEquals(21, result.path("exitCode").asInt(), result.toString());
              assertEquals("exited with code 21", result.path("error").asText());
            }));
    hostiles.add(
        hostile(
            "huge-declared-memory",
            HostileAgents.hugeDeclaredMemory(65536),
            Map.of("timeoutMs", 60_000),
            failedWith(
                error ->
                    error.equals(
                        "the module declares 65536 pages (4096 MiB) of initial memory, more than"
                            + " the task's limit of 64 MiB (1024 pages); it was not run"))));
    return hostiles;
  }

  private void assertRefusedAtUpload(String name, byte[] module, String detail) {
    HttpResponse<String> refused = upload(name, module);

    assertEquals(422, refused.statusCode(), refused.body());
    assertEquals("invalid-wasm", Problems.slug(refused.body()));
    assertTrue(
        PublicApi.read(refused.body()).path("detail").asText().contains(detail), refused.body());
  }

  /** The agent's statistics once they count {@code completed} tasks. */
  private JsonNode awaitStats(String agentId, int completed) throws InterruptedException {
    Instant deadline = Instant.now().plus(TASK_END);
    while (true) {
      JsonNode stats = user.getJson("/agents/" + agentId + "/stats");
      if (stats.path("tasksCompleted").asInt() >= completed || Instant.now().isAfter(deadline)) {
        return stats;
      }
      Thread.sleep(200);
    }
  }

  private Hostile hostile(
      String kind, byte[] module, Map<String, Object> limits, Expectation expected) {
    String agentId = author.upload(kind, "1.0.0", module).path("id").asText();
    Map<String, Object> task = new LinkedHashMap<>(limits);
    task.put("agentId", agentId);
    return new Hostile(kind, Map.copyOf(task), expected);
  }

  private List<CompletableFuture<Map.Entry<String, Hostile>>> submitAllAtOnce(
      List<Hostile> hostiles, ExecutorService submitters) {
    List<CompletableFuture<Map.Entry<String, Hostile>>> submitted = new ArrayList<>();
    for (int copy = 0; copy < COPIES; copy++) {
      for (Hostile hostile : hostiles) {
        submitted.add(
            CompletableFuture.supplyAsync(
                () -> Map.entry(author.accepted(hostile.task()), hostile), submitters));
      }
    }
    return submitted;
  }

  private void assertEveryHostileTaskEndedAsExpected(List<Map.Entry<String, Hostile>> tasks) {
    List<Executable> checks = new ArrayList<>();
    Map<String, List<String>> outcomes = new LinkedHashMap<>();
    for (Map.Entry<String, Hostile> task : tasks) {
      String taskId = task.getKey();
      Hostile hostile = task.getValue();
      author.awaitTerminal(taskId, TASK_END);
      JsonNode result = author.getJson("/tasks/" + taskId + "/results");
      outcomes
          .computeIfAbsent(hostile.kind(), kind -> new ArrayList<>())
          .add(result.path("status").asText());
      checks.add(() -> hostile.expected().check(taskId, result));
    }
    System.out.printf("Hostile tasks (%d): %s%n", tasks.size(), outcomes);
    assertAll(checks);
  }

  private void assertEveryNormalTaskSucceededWithItsOutput(Map<String, String> inputs) {
    List<Executable> checks = new ArrayList<>();
    Duration slowest = Duration.ZERO;
    for (Map.Entry<String, String> normal : inputs.entrySet()) {
      String taskId = normal.getKey();
      JsonNode task = user.awaitTerminal(taskId, TASK_END);
      byte[] stdout = bytes(user, "/tasks/" + taskId + "/results/stdout");
      Duration took =
          Duration.between(
              Instant.parse(task.path("submittedAt").asText()),
              Instant.parse(task.path("finishedAt").asText()));
      slowest = took.compareTo(slowest) > 0 ? took : slowest;
      checks.add(
          () -> {
            assertEquals("SUCCEEDED", task.path("status").asText(), task.toString());
            assertEquals(rot13(normal.getValue()), new String(stdout, StandardCharsets.UTF_8));
            assertTrue(took.compareTo(NORMAL_TASK_BOUND) < 0, taskId + " took " + took);
          });
    }
    System.out.printf(
        "Normal tasks: %d, the slowest ended %s after it was submitted%n", inputs.size(), slowest);
    assertAll(checks);
  }

  private void assertTheSameExecutorsAreHealthy(
      List<PackagedService> before, Map<Long, Long> residentBefore) {
    assertEquals(
        before.stream().map(PackagedService::pid).collect(Collectors.toSet()),
        platform.executors().stream().map(PackagedService::pid).collect(Collectors.toSet()),
        "the executors were replaced");
    Map<Long, Long> residentAfter = residentMib(before);
    System.out.printf("Executor RSS (MiB) before %s, after %s%n", residentBefore, residentAfter);
    List<Executable> checks = new ArrayList<>();
    for (PackagedService executor : before) {
      checks.add(() -> assertTrue(executor.isAlive(), executor.pid() + " died"));
      checks.add(() -> assertEquals(200, ExecutorProbe.readiness(executor), "not ready"));
      checks.add(
          () ->
              assertTrue(
                  residentAfter.get(executor.pid()) < RESIDENT_BOUND_MIB,
                  executor.pid() + " holds " + residentAfter.get(executor.pid()) + " MiB"));
    }
    assertAll(checks);
  }

  private void assertAFreshTaskSucceedsQuickly(String rot13) {
    long start = System.nanoTime();
    HttpResponse<String> response =
        user.submit(Map.of("agentId", rot13, "input", "after the storm"), "?wait=30", Map.of());
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertEquals(200, response.statusCode(), response.body());
    JsonNode result = PublicApi.read(response.body());
    assertEquals("SUCCEEDED", result.path("status").asText(), response.body());
    assertEquals(rot13("after the storm"), result.path("stdout").asText());
    assertTrue(took.compareTo(Duration.ofSeconds(30)) < 0, "took " + took);
  }

  private static Expectation timedOut(boolean floodsOutput) {
    return (taskId, result) -> {
      assertEquals("TIMED_OUT", result.path("status").asText(), result.toString());
      assertTrue(result.path("exitCode").isNull(), result.toString());
      assertEquals("timed out after " + TIMEOUT_MS + " ms", result.path("error").asText());
      assertEquals(floodsOutput, result.path("stdoutTruncated").asBoolean(), result.toString());
      assertEquals(floodsOutput, result.path("stderrTruncated").asBoolean(), result.toString());
    };
  }

  private static Expectation failedWith(Function<String, Boolean> error) {
    return (taskId, result) -> {
      assertEquals("FAILED", result.path("status").asText(), result.toString());
      assertTrue(result.path("exitCode").isNull(), result.toString());
      assertTrue(error.apply(result.path("error").asText()), result.toString());
    };
  }

  private void succeededWithTruncatedOutput(String taskId, JsonNode result) {
    assertEquals("SUCCEEDED", result.path("status").asText(), result.path("error").asText());
    assertEquals(0, result.path("exitCode").asInt());
    assertTrue(result.path("stdoutTruncated").asBoolean());
    assertTrue(result.path("stderrTruncated").asBoolean());
    byte[] expected = new byte[OUTPUT_CAP];
    for (int i = 0; i < expected.length; i++) {
      expected[i] = HostileAgents.floodByte(i);
    }
    assertArrayEquals(expected, bytes(author, "/tasks/" + taskId + "/results/stdout"));
    assertArrayEquals(expected, bytes(author, "/tasks/" + taskId + "/results/stderr"));
  }

  private HttpResponse<String> upload(String name, byte[] module) {
    PublicApi.Multipart body = PublicApi.uploadBody(name, "1.0.0", module);
    return PublicApi.send(
        author
            .request("/agents")
            .header("Content-Type", body.contentType())
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.body())));
  }

  private static Map<Long, Long> residentMib(List<PackagedService> executors) {
    Map<Long, Long> resident = new LinkedHashMap<>();
    executors.forEach(e -> resident.put(e.pid(), ExecutorProbe.residentMib(e)));
    return resident;
  }

  /** The exact bytes of a result stream. */
  private static byte[] bytes(PublicApi api, String path) {
    try {
      HttpResponse<byte[]> response =
          PublicApi.HTTP.send(api.request(path).GET().build(), BodyHandlers.ofByteArray());
      assertEquals(200, response.statusCode(), path);
      return response.body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String rot13(String text) {
    StringBuilder rotated = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      if (c >= 'a' && c <= 'z') {
        rotated.append((char) ('a' + (c - 'a' + 13) % 26));
      } else if (c >= 'A' && c <= 'Z') {
        rotated.append((char) ('A' + (c - 'A' + 13) % 26));
      } else {
        rotated.append(c);
      }
    }
    return rotated.toString();
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
