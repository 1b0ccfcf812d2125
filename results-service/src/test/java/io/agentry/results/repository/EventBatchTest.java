package io.agentry.results.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.agentry.wire.TaskEvent;
import io.agentry.wire.TaskMessage;
import io.agentry.wire.TaskResult;
import io.agentry.wire.TaskStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventBatchTest {

  private final Instant at = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void aTasksEventsFoldIntoOneRowWhereTheFirstTerminalEventWins() {
    TaskMessage task = task();
    TaskResult failed = TaskResult.withoutOutput(5, "it timed out");
    EventBatch batch =
        new EventBatch(
            List.of(
                TaskEvent.running(task, 1, "a", at.plusMillis(2)),
                TaskEvent.queued(task, at),
                TaskEvent.finished(task, TaskStatus.TIMED_OUT, 1, "a", at.plusMillis(9), failed),
                TaskEvent.running(task, 2, "b", at.plusMillis(1)),
                TaskEvent.finished(
                    task,
                    TaskStatus.SUCCEEDED,
                    2,
                    "b",
                    at.plusMillis(20),
                    new TaskResult(0, new byte[0], new byte[0], false, false, 1, null))));

    assertEquals(1, batch.tasks().size());
    EventBatch.TaskRow row = batch.tasks().get(0);
    assertEquals(TaskStatus.TIMED_OUT, row.status);
    assertEquals(at, row.submittedAt);
    assertEquals(at.plusMillis(1), row.startedAt);
    assertEquals(at.plusMillis(9), row.finishedAt);
    assertEquals(2, row.attempts);
    assertEquals(2, batch.starts().size());
    assertEquals(1, batch.ends().size());
    assertEquals(TaskStatus.TIMED_OUT, batch.ends().get(0).status());
  }

  @Test
  void aRedeliveredStartIsOneStartAndAQueuedTaskHasNoTimesYet() {
    TaskMessage started = task();
    TaskMessage queued = task();
    TaskEvent start = TaskEvent.running(started, 1, "a", at);
    EventBatch batch = new EventBatch(List.of(start, TaskEvent.queued(queued, at), start));

    assertEquals(List.of(new EventBatch.Start(started.taskId(), "a", at)), batch.starts());
    EventBatch.TaskRow row =
        batch.tasks().stream().filter(r -> r.taskId.equals(queued.taskId())).findFirst().get();
    assertEquals(TaskStatus.QUEUED, row.status);
    assertNull(row.startedAt);
    assertNull(row.finishedAt);
    assertEquals(0, row.attempts);
  }

  private static TaskMessage task() {
    return new TaskMessage(
        UUID.randomUUID(),
        UUID.randomUUID(),
        UUID.randomUUID(),
        null,
        new byte[0],
        List.of(),
        Map.of(),
        1000,
        16,
        Instant.now());
  }
}
