package io.agentry.results.service;

import io.agentry.results.Caller;
import io.agentry.results.Page;
import io.agentry.results.TaskOutcome;
import io.agentry.results.problem.NotFoundException;
import io.agentry.results.repository.ResultFilter;
import io.agentry.results.repository.ResultRepository;
import io.agentry.results.repository.TaskRepository;
import io.agentry.wire.TaskStatus;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A user's results. A task that is not the caller's is a 404 {@code task-not-found}; the caller's
 * task that has not ended is a 404 {@code result-not-ready}.
 */
@ApplicationScoped
public class ResultService {

  private final ResultRepository results;
  private final TaskRepository tasks;

  public ResultService(ResultRepository results, TaskRepository tasks) {
    this.results = results;
    this.tasks = tasks;
  }

  public Uni<TaskOutcome> get(Caller caller, UUID taskId) {
    return results.find(taskId, caller.id()).chain(found -> orNotFound(found, caller, taskId));
  }

  /** The exact bytes of the task's stdout or stderr. */
  public Uni<byte[]> output(Caller caller, UUID taskId, ResultRepository.Stream stream) {
    return results
        .output(taskId, caller.id(), stream)
        .chain(found -> orNotFound(found, caller, taskId));
  }

  /** {@code GET /tasks/results}: parameters as given; invalid ones are a 400 that lists them. */
  public Uni<Page<TaskOutcome>> list(
      Caller caller,
      String agentId,
      String status,
      String since,
      String until,
      String limit,
      String cursor) {
    return Uni.createFrom()
        .item(() -> filter(caller, agentId, status, since, until, limit, cursor))
        .chain(
            filter ->
                results
                    .list(filter)
                    .map(
                        rows ->
                            Pages.of(
                                rows,
                                filter.limit() - 1,
                                result ->
                                    new Cursor(
                                        Cursor.RESULTS, result.createdAt(), result.taskId()))));
  }

  private <T> Uni<T> orNotFound(Optional<T> found, Caller caller, UUID taskId) {
    if (found.isPresent()) {
      return Uni.createFrom().item(found.get());
    }
    return tasks
        .find(taskId, caller.id())
        .map(
            task -> {
              throw task.isPresent()
                  ? NotFoundException.resultNotReady(taskId)
                  : NotFoundException.task(taskId);
            });
  }

  private static ResultFilter filter(
      Caller caller,
      String agentId,
      String status,
      String since,
      String until,
      String limit,
      String cursor) {
    QueryParams params = new QueryParams();
    UUID agent = params.uuid("agentId", agentId);
    TaskStatus wanted = params.status(status, QueryParams.terminal());
    Instant from = params.instant("since", since);
    Instant to = params.instant("until", until);
    params.check(from == null || to == null || from.isBefore(to), "until", "must be after since");
    int size = params.limit(limit);
    params.done();
    Cursor after =
        cursor == null || cursor.isBlank() ? null : Cursor.decode(cursor, Cursor.RESULTS);
    return new ResultFilter(
        caller.id(),
        agent,
        wanted,
        from,
        to,
        after == null ? null : after.at(),
        after == null ? null : after.id(),
        size + 1);
  }
}
