package io.agentry.results.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.agentry.wire.TaskEvent;
import io.agentry.wire.TaskMessage;
import io.agentry.wire.TaskResult;
import io.agentry.wire.TaskStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class LiveBroadcasterTest {

  private final LiveBroadcaster broadcaster =
      new LiveBroadcaster(
          new LiveEncoder(
              new ObjectMapper()
                  .findAndRegisterModules()
                  .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)));
  private final Instant at = Instant.parse("2026-01-01T00:00:00Z");

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

  @Test
  void keepsTheFurthestEventOfATaskForAStreamThatOpensLate() {
    TaskMessage task = task();
    broadcaster.publish(TaskEvent.running(task, 1, "a", at));
    broadcaster.publish(
        TaskEvent.finished(
            task,
            TaskStatus.SUCCEEDED,
            1,
            "a",
            at.plusMillis(5),
            new TaskResult(0, new byte[0], new byte[0], false, false, 5, null)));
    broadcaster.publish(TaskEvent.running(task, 2, "b", at.plusMillis(9)));

    var kept = broadcaster.recent(task.taskId(), task.userId());
    assertTrue(kept.isPresent());
    assertEquals(TaskStatus.SUCCEEDED, kept.get().event().status());
  }

  @Test
  void neverReplaysAnEventToAnotherUser() {
    TaskMessage task = task();
    broadcaster.publish(TaskEvent.queued(task, at));

    assertTrue(broadcaster.recent(task.taskId(), UUID.randomUUID()).isEmpty());
  }

  @Test
  void forgetsTheOldestTasksPastItsBound() {
    TaskMessage first = task();
    broadcaster.publish(TaskEvent.queued(first, at));
    for (int i = 0; i < LiveBroadcaster.RECENT_TASKS; i++) {
      broadcaster.publish(TaskEvent.queued(task(), at));
    }

    assertTrue(broadcaster.recent(first.taskId(), first.userId()).isEmpty());
  }
}
