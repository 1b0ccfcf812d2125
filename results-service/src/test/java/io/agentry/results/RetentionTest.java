package io.agentry.results;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agentry.localstack.LocalStackTestResource;
import io.agentry.results.service.RetentionJob;
import io.agentry.wire.TaskMessage;
import io.agentry.wire.TaskStatus;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(
    value = LocalStackTestResource.class,
    initArgs = {
      @ResourceArg(name = "components", value = "postgres,kafka"),
      @ResourceArg(name = "database", value = "results")
    })
class RetentionTest {

  @Inject RetentionJob retention;

  @Test
  void resultsOlderThanTheCutoffAreDeletedInBatchesWithTheirTasks() {
    TestUser user = TestUser.create();
    UUID agent = UUID.randomUUID();
    Instant old = Instant.parse("2001-01-01T00:00:00Z");
    List<TaskMessage> oldTasks = new ArrayList<>();
    TaskMessage recent = Events.task(user.id(), agent);
    try (Events events = new Events()) {
      // More than two batches of the test's batch size (2).
      for (int i = 0; i < 5; i++) {
        TaskMessage task = Events.task(user.id(), agent);
        oldTasks.add(task);
        events.run(task, old.plusSeconds(i), TaskStatus.SUCCEEDED, Events.success("", 1));
      }
      events.run(recent, Instant.now(), TaskStatus.SUCCEEDED, Events.success("", 1));
    }
    for (TaskMessage task : oldTasks) {
      TaskQueryTest.awaitStatus(user, task.taskId(), "SUCCEEDED");
    }
    TaskQueryTest.awaitStatus(user, recent.taskId(), "SUCCEEDED");

    long deleted =
        retention
            .purge(Instant.parse("2001-01-02T00:00:00Z"))
            .await()
            .atMost(Duration.ofSeconds(30));

    assertEquals(5, deleted);
    for (TaskMessage task : oldTasks) {
      user.request().get("/tasks/" + task.taskId()).then().statusCode(404);
      user.request().get("/tasks/" + task.taskId() + "/results").then().statusCode(404);
    }
    user.request().get("/tasks/" + recent.taskId() + "/results").then().statusCode(200);
  }
}
