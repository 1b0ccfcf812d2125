package io.agentry.gateway;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentry.gateway.repository.IdempotencyRepository;
import io.agentry.gateway.service.KeyedTask;
import io.agentry.gateway.support.DownstreamServices;
import io.agentry.gateway.support.KafkaRecords;
import io.agentry.gateway.support.TestAgents;
import io.agentry.gateway.support.TestUsers;
import io.agentry.gateway.support.TestUsers.TestUser;
import io.agentry.localstack.LocalStackTestResource;
import io.agentry.wire.Topics;
import io.agentry.wire.WireCodec;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@QuarkusTest
@WithTestResource(
    value = LocalStackTestResource.class,
    initArgs = {
      @ResourceArg(name = "components", value = DownstreamServices.COMPONENTS),
      @ResourceArg(name = "database", value = "gateway")
    })
@WithTestResource(DownstreamServices.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IdempotencyTest {

  @Inject IdempotencyRepository keys;
  @Inject Pool pool;

  private TestUser user;
  private UUID agentId;

  /** RestAssured points at the gateway only once a test runs, so the fixture is made then. */
  @BeforeEach
  void createAgentOnce() {
    if (user == null) {
      user = TestUsers.register();
      agentId = TestAgents.create(user);
    }
  }

  @Test
  void concurrentDuplicatesCreateOneTaskAndAllGetIt() throws Exception {
    String key = "key-" + UUID.randomUUID();
    int clients = 8;
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    CountDownLatch start = new CountDownLatch(1);
    List<CompletableFuture<Response>> answers = new ArrayList<>();
    try {
      for (int i = 0; i < clients; i++) {
        answers.add(
            CompletableFuture.supplyAsync(
                () -> {
                  await(start);
                  return submit(user, key);
                },
                pool));
      }
      start.countDown();
      Set<String> taskIds = new HashSet<>();
      for (CompletableFuture<Response> answer : answers) {
        Response response = answer.get(60, TimeUnit.SECONDS);
        assertEquals(202, response.statusCode(), response.asString());
        taskIds.add(response.path("taskId"));
      }
      assertEquals(1, taskIds.size(), "duplicates got different tasks: " + taskIds);
      UUID taskId = UUID.fromString(taskIds.iterator().next());
      assertEquals(1, KafkaRecords.all(Topics.AGENT_TASKS, taskId, Duration.ofSeconds(5)).size());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aLaterDuplicateGetsTheFirstTaskWithItsLocation() {
    String key = "key-" + UUID.randomUUID();
    Response first = submit(user, key);
    assertEquals(202, first.statusCode());
    Response second = submit(user, key);
    assertEquals(202, second.statusCode());
    assertEquals((String) first.path("taskId"), second.path("taskId"));
    assertEquals((String) first.path("submittedAt"), second.path("submittedAt"));
    assertEquals(first.header("Location"), second.header("Location"));
  }

  @Test
  void theSameKeyFromAnotherUserIsAnotherTask() {
    String key = "key-" + UUID.randomUUID();
    TestUser other = TestUsers.register();
    String mine = submit(user, key).path("taskId");
    String theirs = submit(other, key).path("taskId");
    assertNotEquals(mine, theirs);
  }

  @Test
  void aClaimLeftUnacknowledgedByADeadGatewayIsTakenOverWithItsTaskId() {
    String key = "key-" + UUID.randomUUID();
    UUID orphan = UUID.randomUUID();
    // What a gateway killed between its claim and Kafka's acknowledgement leaves behind.
    keys.claim(
            user.id(),
            key,
            new KeyedTask(
                orphan, agentId, Instant.now().truncatedTo(ChronoUnit.MILLIS), false, null),
            Duration.ofHours(24))
        .await()
        .indefinitely();

    Response retried = submit(user, key);

    assertEquals(202, retried.statusCode(), retried.asString());
    assertEquals(orphan.toString(), retried.path("taskId"));
    assertEquals(1, KafkaRecords.all(Topics.AGENT_TASKS, orphan, Duration.ofSeconds(5)).size());
    assertEquals(202, submit(user, key).statusCode());
    assertEquals(1, KafkaRecords.all(Topics.AGENT_TASKS, orphan, Duration.ofSeconds(2)).size());
  }

  @Test
  void aTakeoverQueuesTheFirstRequestsTaskAndRefusesAnotherBody() {
    String key = "key-" + UUID.randomUUID();
    Response first = submit(user, key, "the first body");
    assertEquals(202, first.statusCode(), first.asString());
    UUID taskId = UUID.fromString(first.path("taskId"));
    // What a gateway killed after Kafka's acknowledgement, before it marked the key, leaves.
    pool.preparedQuery(
            "UPDATE idempotency_keys SET acknowledged = false,"
                + " created_at = now() - interval '1 hour'"
                + " WHERE user_id = $1 AND idempotency_key = $2")
        .execute(Tuple.of(user.id(), key))
        .await()
        .indefinitely();

    Response other = submit(user, key, "another body");

    assertEquals(409, other.statusCode(), other.asString());
    assertEquals("/problems/idempotency-key-reused", other.path("type"));
    assertTrue(other.<String>path("detail").contains(taskId.toString()), other.asString());
    Response same = submit(user, key, "the first body");
    assertEquals(202, same.statusCode(), same.asString());
    assertEquals(taskId.toString(), same.path("taskId"));
    for (var record : KafkaRecords.all(Topics.AGENT_TASKS, taskId, Duration.ofSeconds(5))) {
      assertEquals(
          "the first body",
          new String(WireCodec.decodeTask(record.value()).input(), StandardCharsets.UTF_8));
    }
  }

  @Test
  void aDuplicateWithAnotherBodyIsRefusedAndTheKeyKeepsItsTask() {
    String key = "key-" + UUID.randomUUID();
    String taskId = submit(user, key, "one").path("taskId");

    Response other = submit(user, key, "two");

    assertEquals(409, other.statusCode(), other.asString());
    assertEquals("application/problem+json", other.contentType());
    assertEquals(taskId, submit(user, key, "one").path("taskId"));
  }

  @Test
  void anInvalidKeyIsRefused() {
    user.withKey()
        .header("Idempotency-Key", "has space")
        .contentType(ContentType.JSON)
        .body(Map.of("agentId", agentId.toString()))
        .post("/api/v1/tasks")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("Idempotency-Key"));
  }

  private Response submit(TestUser who, String key) {
    return submit(who, key, "once");
  }

  private Response submit(TestUser who, String key, String input) {
    return who.withKey()
        .header("Idempotency-Key", key)
        .contentType(ContentType.JSON)
        .body(Map.of("agentId", agentId.toString(), "input", input))
        .post("/api/v1/tasks")
        .then()
        .extract()
        .response();
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
