package io.agentry.results.live;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.agentry.results.Task;
import io.agentry.wire.TaskEvent;
import io.agentry.wire.TaskStatus;
import java.time.Instant;
import java.util.UUID;

/**
 * One WebSocket message: a task's status at a moment. {@code message} is the result's error on a
 * terminal event that has one, and absent otherwise.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LiveEvent(
    UUID taskId, UUID agentId, TaskStatus status, Instant at, int attempt, String message) {

  public static LiveEvent of(TaskEvent event) {
    return new LiveEvent(
        event.taskId(),
        event.agentId(),
        event.status(),
        event.at(),
        event.attempt(),
        event.result() == null ? null : event.result().error());
  }

  /** The recorded state of a task: the time is that of the event that set its status. */
  public static LiveEvent of(Task task, String error) {
    Instant at =
        switch (task.status().rank()) {
          case 0 -> task.submittedAt();
          case 1 -> task.startedAt() == null ? task.submittedAt() : task.startedAt();
          default -> task.finishedAt();
        };
    return new LiveEvent(task.taskId(), task.agentId(), task.status(), at, task.attempts(), error);
  }
}
