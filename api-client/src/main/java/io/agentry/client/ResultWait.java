package io.agentry.client;

import io.agentry.client.model.TaskResult;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Waits for what the results service has not stored yet. A task's live events travel separately
 * from its rows' writes, so they can arrive first: until the result is stored the API answers 404
 * {@code result-not-ready}, and until even the task is stored (under load its first events are
 * written in one transaction with the last ones) 404 {@code task-not-found}. Both are asked again
 * after 100 ms, then twice as long each time up to 2 s, within a bound (60 s by default), after
 * which the last answer's {@link ApiException} is thrown; any other failure is thrown at once. Use
 * it for a task known to exist (it was submitted, or its events were seen). (One client waits for
 * one task, so there is no herd of retries to spread with jitter.)
 */
public final class ResultWait {

  /** The problem slug of a result that is not stored yet. */
  public static final String NOT_READY = "result-not-ready";

  /** The problem slug of a task that is not stored yet (or does not exist). */
  public static final String TASK_NOT_FOUND = "task-not-found";

  private final Duration firstPause;
  private final Duration longestPause;
  private final Duration bound;
  private final Sleeper sleeper;

  public ResultWait(Duration firstPause, Duration longestPause, Duration bound, Sleeper sleeper) {
    this.firstPause = firstPause;
    this.longestPause = longestPause;
    this.bound = bound;
    this.sleeper = sleeper;
  }

  /** 100 ms, doubling up to 2 s, for at most 60 s. */
  public static ResultWait standard() {
    return new ResultWait(
        Duration.ofMillis(100), Duration.ofSeconds(2), Duration.ofSeconds(60), Thread::sleep);
  }

  /** The task's result once it is stored. */
  public TaskResult await(AgentryClient client, UUID taskId) {
    return await(() -> client.result(taskId));
  }

  /** What {@code fetch} returns once it stops failing with a "not stored yet" answer. */
  public <T> T await(Supplier<T> fetch) {
    long waited = 0;
    long pause = firstPause.toMillis();
    while (true) {
      try {
        return fetch.get();
      } catch (ApiException e) {
        if (!(e.is(NOT_READY) || e.is(TASK_NOT_FOUND)) || waited >= bound.toMillis()) {
          throw e;
        }
      }
      long next = Math.min(pause, bound.toMillis() - waited);
      try {
        sleeper.sleep(next);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new UnreachableException("interrupted while waiting for a result", e);
      }
      waited += next;
      pause = Math.min(pause * 2, longestPause.toMillis());
    }
  }

  /** Pauses the calling thread (a test passes one that only records). */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(long millis) throws InterruptedException;
  }
}
