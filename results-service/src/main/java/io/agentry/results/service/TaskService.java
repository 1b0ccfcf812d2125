package io.agentry.results.service;

import io.agentry.results.Caller;
import io.agentry.results.Page;
import io.agentry.results.Task;
import io.agentry.results.problem.NotFoundException;
import io.agentry.results.repository.TaskFilter;
import io.agentry.results.repository.TaskRepository;
import io.agentry.wire.TaskStatus;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** A user's tasks: one by id, or a filtered page, newest first. Nobody sees another's tasks. */
@ApplicationScoped
public class TaskService {

  private final TaskRepository tasks;

  public TaskService(TaskRepository tasks) {
    this.tasks = tasks;
  }

  public Uni<Task> get(Caller caller, UUID taskId) {
    return tasks
        .find(taskId, caller.id())
        .map(found -> found.orElseThrow(() -> NotFoundException.task(taskId)));
  }

  /** {@code GET /tasks}: parameters as given; invalid ones are a 400 that lists them. */
  public Uni<Page<Task>> list(
      Caller caller, String status, String agentId, String limit, String cursor) {
    return Uni.createFrom()
        .item(() -> filter(caller, status, agentId, limit, cursor))
        .chain(
            filter ->
                tasks
                    .list(filter)
                    .map(
                        rows ->
                            Pages.of(
                                rows,
                                filter.limit() - 1,
                                task ->
                                    new Cursor(Cursor.TASKS, task.submittedAt(), task.taskId()))));
  }

  private static TaskFilter filter(
      Caller caller, String status, String agentId, String limit, String cursor) {
    QueryParams params = new QueryParams();
    TaskStatus wanted = params.status(status, QueryParams.all());
    UUID agent = params.uuid("agentId", agentId);
    int size = params.limit(limit);
    params.done();
    Cursor after = cursor == null || cursor.isBlank() ? null : Cursor.decode(cursor, Cursor.TASKS);
    return new TaskFilter(
        caller.id(),
        wanted,
        agent,
        after == null ? null : after.at(),
        after == null ? null : after.id(),
        size + 1);
  }
}
