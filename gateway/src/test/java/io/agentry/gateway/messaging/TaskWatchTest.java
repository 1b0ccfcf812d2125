package io.agentry.gateway.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agentry.wire.TaskEvent;
import io.agentry.wire.TaskMessage;
import io.agentry.wire.TaskResult;
import io.agentry.wire.TaskStatus;
import io.agentry.wire.WireCodec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class TaskWatchTest {

  private final TaskWaiters waiters = new TaskWaiters();
  private final UUID user = UUID.randomUUID();
  private final Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);

  @Test
  void eventsBeforeTheTaskIsNamedAreReplayedAndOtherTasksAreDropped() {
    TaskMessage mine = task(user);
    TaskMessage sibling = task(user);
    TaskWaiters.Watch watch = waiters.watch(user);
    waiters.publishing(mine);
    waiters.publishing(sibling);
    deliver(TaskEvent.queued(mine, at));
    deliver(TaskEvent.queued(sibling, at));
    deliver(TaskEvent.running(mine, 1, "exec", at));

    List<TaskStatus> seen = new CopyOnWriteArrayList<>();
    watch.events(mine.taskId(), event -> seen.add(event.status()));
    deliver(TaskEvent.running(sibling, 1, "exec", at));
    deliver(finished(mine));

    assertEquals(List.of(TaskStatus.QUEUED, TaskStatus.RUNNING, TaskStatus.SUCCEEDED), seen);
    watch.close();
  }

  @Test
  void aWatchFollowsOnlyItsOwnUsersTasksAndNothingOnceClosed() {
    TaskMessage foreign = task(UUID.randomUUID());
    TaskMessage later = task(user);
    TaskWaiters.Watch watch = waiters.watch(user);
    List<TaskStatus> seen = new CopyOnWriteArrayList<>();
    waiters.publishing(foreign);
    deliver(TaskEvent.queued(foreign, at));
    watch.events(foreign.taskId(), event -> seen.add(event.status()));
    deliver(finished(foreign));
    watch.close();
    waiters.publishing(later);
    deliver(TaskEvent.queued(later, at));

    assertEquals(List.of(), seen);
  }

  private TaskMessage task(UUID userId) {
    return new TaskMessage(
        UUID.randomUUID(),
        UUID.randomUUID(),
        userId,
        null,
        new byte[0],
        List.of(),
        Map.of(),
        1000,
        16,
        at);
  }

  private TaskEvent finished(TaskMessage task) {
    return TaskEvent.finished(
        task,
        TaskStatus.SUCCEEDED,
        1,
        "exec",
        at,
        new TaskResult(0, new byte[0], new byte[0], false, false, 1, null));
  }

  private void deliver(TaskEvent event) {
    waiters.onEvent(
        new ConsumerRecord<>(
            "task-events", 0, 0, event.taskId().toString(), WireCodec.encode(event)));
  }
}
