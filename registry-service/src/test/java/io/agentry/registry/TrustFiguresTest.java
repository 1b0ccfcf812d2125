package io.agentry.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.agentry.localstack.LocalStackTestResource;
import io.agentry.registry.TestUsers.TestUser;
import io.agentry.registry.service.TrustRollup;
import io.agentry.wire.TaskStatus;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Each agent's runs30d, users30d, successRate and p50DurationMs, rolled up from task-events. */
@QuarkusTest
@WithTestResource(
    value = LocalStackTestResource.class,
    initArgs = {
      @ResourceArg(name = "components", value = "postgres,kafka,s3"),
      @ResourceArg(name = "database", value = "registry")
    })
class TrustFiguresTest {

  @Inject Pool pool;
  @Inject TrustRollup rollup;

  @Test
  void theFiguresCountTheLast30DaysOfCompletedRunsOncePerTask() {
    TestUser owner = TestUsers.register();
    String id = TestAgents.create(owner, TestAgents.metadata("measured"));
    JsonPath fresh = agent(id);
    assertEquals(0, fresh.getInt("runs30d"));
    assertEquals(0, fresh.getInt("users30d"));
    assertNull(fresh.get("successRate"));
    assertNull(fresh.get("p50DurationMs"));

    UUID alice = UUID.randomUUID();
    UUID bob = UUID.randomUUID();
    Instant now = Instant.now();
    TestRuns.ended(alice, id, TaskStatus.SUCCEEDED, 40, now, pool);
    TestRuns.ended(alice, id, TaskStatus.SUCCEEDED, 10, now, pool);
    TestRuns.ended(bob, id, TaskStatus.FAILED, 30, now, pool);
    TestRuns.ended(bob, id, TaskStatus.TIMED_OUT, 1000, now, pool);
    // Ended 31 days ago: outside the window.
    TestRuns.ended(
        UUID.randomUUID(), id, TaskStatus.SUCCEEDED, 1, now.minus(Duration.ofDays(31)), pool);
    rollup.refresh().await().indefinitely();

    JsonPath figures = agent(id);
    assertEquals(4, figures.getInt("runs30d"));
    assertEquals(2, figures.getInt("users30d"));
    assertEquals(0.5f, figures.getFloat("successRate"));
    assertEquals(30, figures.getLong("p50DurationMs"));
    assertEquals(5, figures.getInt("tasksCompleted"));
  }

  @Test
  void theScheduledRollupShowsANewRunWithinItsInterval() throws Exception {
    TestUser owner = TestUsers.register();
    String id = TestAgents.create(owner, TestAgents.metadata("scheduled"));
    TestRuns.ended(UUID.randomUUID(), id, TaskStatus.SUCCEEDED, 7, Instant.now(), pool);
    // The test profile refreshes every second; allow for a loaded machine.
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (agent(id).getInt("runs30d") == 0 && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    JsonPath figures = agent(id);
    assertEquals(1, figures.getInt("runs30d"));
    assertEquals(1.0f, figures.getFloat("successRate"));
    assertEquals(7, figures.getLong("p50DurationMs"));
  }

  @Test
  void theRolledUpFiguresOfEveryAgentMatchAFullRecount() {
    TestUser owner = TestUsers.register();
    for (int a = 0; a < 3; a++) {
      String id = TestAgents.create(owner, TestAgents.metadata("recounted " + a));
      for (int r = 0; r <= a * 2; r++) {
        TaskStatus status = r % 3 == 2 ? TaskStatus.FAILED : TaskStatus.SUCCEEDED;
        TestRuns.ended(UUID.randomUUID(), id, status, 10L * (r + 1), Instant.now(), pool);
      }
    }
    rollup.refresh().await().indefinitely();

    List<String> mismatches =
        pool
            .query(
                "WITH recount AS (SELECT a.id, count(e.task_id) AS runs,"
                    + " count(DISTINCT e.user_id) AS users,"
                    + " round(avg(CASE WHEN e.succeeded THEN 1.0 WHEN NOT e.succeeded THEN 0.0"
                    + " END), 4) AS rate,"
                    + " percentile_disc(0.5) WITHIN GROUP (ORDER BY e.duration_ms) AS p50"
                    + " FROM agents a LEFT JOIN processed_task_events e ON e.agent_id = a.id"
                    + " AND e.ended_at > now() - interval '30 days' GROUP BY a.id)"
                    + " SELECT a.id::text FROM agents a JOIN recount r ON r.id = a.id"
                    + " WHERE a.runs_30d <> r.runs OR a.users_30d <> r.users"
                    + " OR a.success_rate IS DISTINCT FROM r.rate"
                    + " OR a.p50_duration_ms IS DISTINCT FROM r.p50")
            .execute()
            .await()
            .indefinitely()
            .stream()
            .map(row -> row.getString(0))
            .toList();
    assertEquals(List.of(), mismatches);
    long withRuns =
        pool.query("SELECT count(*) FROM agents WHERE runs_30d > 0")
            .execute()
            .await()
            .indefinitely()
            .iterator()
            .next()
            .getLong(0);
    assertEquals(true, withRuns >= 3, withRuns + " agents with runs");
  }

  private static JsonPath agent(String id) {
    return io.restassured.RestAssured.given()
        .get("/agents/" + id)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }
}
