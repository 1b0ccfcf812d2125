package io.agentry.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentry.gateway.repository.TaskReservationRepository;
import io.agentry.gateway.support.DownstreamServices;
import io.agentry.gateway.support.KafkaRecords;
import io.agentry.gateway.support.TestAgents;
import io.agentry.gateway.support.TestUsers;
import io.agentry.gateway.support.TestUsers.TestUser;
import io.agentry.localstack.LocalStackTestResource;
import io.agentry.wire.TaskEvent;
import io.agentry.wire.Topics;
import io.agentry.wire.WireCodec;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Per-user quotas at submission (default 200 tasks, 1,228,800 MiB-seconds), counted in PostgreSQL.
 */
@QuarkusTest
@WithTestResource(
    value = LocalStackTestResource.class,
    initArgs = {
      @ResourceArg(name = "components", value = DownstreamServices.COMPONENTS),
      @ResourceArg(name = "database", value = "gateway")
    })
@WithTestResource(DownstreamServices.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TaskQuotaTest {

  private static final int MAX_TASKS = 200;

  @Inject Pool pool;
  @Inject TaskReservationRepository reservations;

  private TestUser owner;
  private UUID agentId;

  @BeforeEach
  void createAgentOnce() {
    if (owner == null) {
      owner = TestUsers.register();
      agentId = TestAgents.create(owner);
    }
  }

  @Test
  void theTaskAfterTwoHundredQueuedIsRefusedWithTheFiguresAndOthersAreNotAffected() {
    TestUser flooder = TestUsers.register();
    for (int i = 0; i < MAX_TASKS; i++) {
      Response accepted = submitPastTheRateLimit(flooder, Map.of());
      assertEquals(202, accepted.statusCode(), "task " + i + ": " + accepted.asString());
    }

    Response refused = submitPastTheRateLimit(flooder, Map.of());

    assertEquals(429, refused.statusCode(), refused.asString());
    assertEquals("application/problem+json", refused.contentType());
    assertEquals("/problems/task-quota-exceeded", refused.path("type"));
    assertEquals("tasks", refused.path("quota"));
    assertEquals(MAX_TASKS, (int) refused.path("limit"));
    assertEquals(MAX_TASKS, (int) refused.path("inUse"));
    assertTrue(refused.<String>path("detail").contains("200"), refused.asString());
    assertNotNull(refused.header("Retry-After"));
    assertEquals(202, submit(owner, Map.of()).statusCode());
  }

  @Test
  void theMemoryTimeQuotaCountsMaxMemoryTimesTimeout() {
    TestUser user = TestUsers.register();
    fill(user.id(), 8, 512L * 300_000);

    Response refused = submit(user, Map.of("maxMemoryMb", 64, "timeoutMs", 30_000));

    assertEquals(429, refused.statusCode(), refused.asString());
    assertEquals("memoryTime", refused.path("quota"));
    assertEquals(1_228_800, (int) refused.path("limit"));
    assertEquals(1_228_800, (int) refused.path("inUse"));
    assertEquals(1_920, (int) refused.path("requested"));
    assertEquals("MiB-seconds", refused.path("unit"));
  }

  @Test
  void concurrentSubmissionsNeverTakeAUserPastTheQuota() throws Exception {
    TestUser user = TestUsers.register();
    fill(user.id(), MAX_TASKS - 5, 1);
    int clients = 20;
    ExecutorService threads = Executors.newFixedThreadPool(clients);
    CountDownLatch start = new CountDownLatch(1);
    List<CompletableFuture<Integer>> answers = new ArrayList<>();
    try {
      for (int i = 0; i < clients; i++) {
        answers.add(
            CompletableFuture.supplyAsync(
                () -> {
                  await(start);
                  return submit(user, Map.of()).statusCode();
                },
                threads));
      }
      start.countDown();
      int accepted = 0;
      int refused = 0;
      for (CompletableFuture<Integer> answer : answers) {
        int status = answer.get(60, TimeUnit.SECONDS);
        accepted += status == 202 ? 1 : 0;
        refused += status == 429 ? 1 : 0;
      }
      assertEquals(5, accepted);
      assertEquals(clients - 5, refused);
      assertEquals(MAX_TASKS, usage(user.id()));
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void theCountComesDownWhenATaskEnds() throws Exception {
    TestUser user = TestUsers.register();
    List<UUID> open = fill(user.id(), MAX_TASKS, 1);
    assertEquals(429, submit(user, Map.of()).statusCode());

    KafkaRecords.send(Topics.TASK_EVENTS, open.get(0), ended(open.get(0), user.id()));

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    int status = 429;
    while (status == 429 && System.nanoTime() < deadline) {
      Thread.sleep(200);
      status = submit(user, Map.of()).statusCode();
    }
    assertEquals(202, status);
  }

  @Test
  void aTaskWhoseTerminalEventCameFirstIsNeverCounted() throws Exception {
    TestUser user = TestUsers.register();
    UUID taskId = UUID.randomUUID();
    KafkaRecords.send(Topics.TASK_EVENTS, taskId, ended(taskId, user.id()));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!hasEnded(taskId) && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertTrue(hasEnded(taskId), "the terminal event was not recorded");

    var outcome =
        reservations
            .reserve(user.id(), taskId, 1, MAX_TASKS, Long.MAX_VALUE, Duration.ofSeconds(30))
            .await()
            .indefinitely();

    assertTrue(outcome.reserved());
    assertEquals(0, usage(user.id()));
  }

  private Response submit(TestUser user, Map<String, Object> extra) {
    Map<String, Object> body = new java.util.HashMap<>(extra);
    body.put("agentId", agentId.toString());
    body.put("input", "x");
    return user.withKey()
        .contentType(ContentType.JSON)
        .body(body)
        .post("/api/v1/tasks")
        .then()
        .extract()
        .response();
  }

  /** Submits, waiting out the per-user rate limit (a different 429) as a client would. */
  private Response submitPastTheRateLimit(TestUser user, Map<String, Object> extra) {
    while (true) {
      Response response = submit(user, extra);
      if (response.statusCode() != 429 || !"/problems/rate-limited".equals(response.path("type"))) {
        return response;
      }
      sleep(Duration.ofMillis(250));
    }
  }

  /**
   * Gives the user {@code count} queued tasks of {@code memoryMbMs} each, as earlier submissions.
   */
  private List<UUID> fill(UUID userId, int count, long memoryMbMs) {
    List<UUID> ids = new ArrayList<>();
    for (Row row :
        pool.preparedQuery(
                "INSERT INTO task_reservations (task_id, user_id, memory_mb_ms, queued)"
                    + " SELECT gen_random_uuid(), $1, $2, true FROM generate_series(1, $3)"
                    + " RETURNING task_id")
            .execute(Tuple.of(userId, memoryMbMs, count))
            .await()
            .indefinitely()) {
      ids.add(row.getUUID("task_id"));
    }
    return ids;
  }

  private long usage(UUID userId) {
    return reservations.usage(userId, Duration.ofSeconds(30)).await().indefinitely().tasks();
  }

  private boolean hasEnded(UUID taskId) {
    return pool.preparedQuery(
                "SELECT 1 FROM task_reservations WHERE task_id = $1 AND ended_at IS NOT NULL")
            .execute(Tuple.of(taskId))
            .await()
            .indefinitely()
            .rowCount()
        == 1;
  }

  private byte[] ended(UUID taskId, UUID userId) {
    return WireCodec.encode(
        TaskEvent.rejected(taskId, agentId, userId, "test", Instant.now(), "ended for the test"));
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
