package io.agentry.results.repository;

import io.agentry.wire.TaskCharge;
import io.agentry.wire.TaskEvent;
import io.agentry.wire.TaskStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A batch of events folded into what one write needs: one row per task, each distinct start, and
 * the first terminal event per task. Folding follows the same rules as the database does across
 * batches (the first event of the highest rank wins, the earliest times, the highest attempt), so
 * writing the folded batch equals writing its events one by one, in order.
 */
final class EventBatch {

  /** The folded state of one task in this batch. */
  static final class TaskRow {
    final UUID taskId;
    UUID userId;
    UUID agentId;
    TaskStatus status;
    Instant submittedAt;
    Instant startedAt;
    Instant finishedAt;
    int attempts;
    TaskCharge charge;

    private TaskRow(TaskEvent first) {
      taskId = first.taskId();
      userId = first.userId();
      agentId = first.agentId();
      status = first.status();
      submittedAt = first.at();
      attempts = first.attempt();
      charge = first.charge();
      times(first);
    }

    private void fold(TaskEvent event) {
      if (userId == null) {
        userId = event.userId();
      }
      if (agentId == null) {
        agentId = event.agentId();
      }
      if (charge == null) {
        charge = event.charge();
      }
      if (status.canAdvanceTo(event.status())) {
        status = event.status();
      }
      if (event.at().isBefore(submittedAt)) {
        submittedAt = event.at();
      }
      attempts = Math.max(attempts, event.attempt());
      times(event);
    }

    private void times(TaskEvent event) {
      if (event.status() == TaskStatus.RUNNING
          && (startedAt == null || event.at().isBefore(startedAt))) {
        startedAt = event.at();
      }
      if (event.status().isTerminal() && finishedAt == null) {
        finishedAt = event.at();
      }
    }
  }

  /** A start: the task, the executor ("" when unnamed) and the time of its RUNNING event. */
  record Start(UUID taskId, String executorId, Instant at) {}

  private final Map<UUID, TaskRow> tasks = new LinkedHashMap<>();
  private final Set<Start> starts = new LinkedHashSet<>();
  private final Map<UUID, TaskEvent> ends = new LinkedHashMap<>();

  EventBatch(List<TaskEvent> events) {
    for (TaskEvent event : events) {
      TaskRow row = tasks.get(event.taskId());
      if (row == null) {
        tasks.put(event.taskId(), new TaskRow(event));
      } else {
        row.fold(event);
      }
      if (event.status() == TaskStatus.RUNNING) {
        String executor = event.executorId() == null ? "" : event.executorId();
        starts.add(new Start(event.taskId(), executor, event.at()));
      }
      if (event.status().isTerminal()) {
        ends.putIfAbsent(event.taskId(), event);
      }
    }
  }

  /** One row per task, ordered by id so that concurrent writers lock rows in the same order. */
  List<TaskRow> tasks() {
    List<TaskRow> rows = new ArrayList<>(tasks.values());
    rows.sort(Comparator.comparing(row -> row.taskId.toString()));
    return rows;
  }

  List<Start> starts() {
    return new ArrayList<>(starts);
  }

  /** The first terminal event of each task that ended in this batch. */
  List<TaskEvent> ends() {
    return new ArrayList<>(ends.values());
  }
}
