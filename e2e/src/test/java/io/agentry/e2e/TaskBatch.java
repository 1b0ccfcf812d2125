package io.agentry.e2e;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A batch of tasks submitted concurrently through the gateway, as a busy client would: each of a
 * few submitters posts tasks until the batch has its count of accepted ones. A task is accepted
 * only when its {@code POST /tasks} answered 202; a refusal (any other status) or a broken
 * connection leaves it not accepted, and the submitter tries again after a short pause, so a batch
 * can run across a fault that makes submissions fail for a while. Without idempotency keys each try
 * is a new task; with them, each task has its key and a try after a failure repeats it, as a client
 * that must not queue a task twice would.
 */
final class TaskBatch implements AutoCloseable {

  private static final int SUBMITTERS = 8;
  private static final long PAUSE_AFTER_FAILURE_MS = 100;

  private final PublicApi user;
  private final Map<String, Object> task;
  private final boolean idempotent;
  private final AtomicInteger unclaimed;
  private final Set<String> accepted = ConcurrentHashMap.newKeySet();
  private final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
  private final ExecutorService submitters;
  private final List<Future<?>> running = new ArrayList<>();

  private TaskBatch(PublicApi user, Map<String, Object> task, int count, boolean idempotent) {
    this.user = user;
    this.task = task;
    this.idempotent = idempotent;
    this.unclaimed = new AtomicInteger(count);
    this.submitters = Executors.newFixedThreadPool(SUBMITTERS);
  }

  /** Starts submitting {@code count} tasks of the agent and returns at once. */
  static TaskBatch start(PublicApi user, String agentId, int count) {
    return start(user, agentId, count, false);
  }

  /** Like {@link #start}, each task with an {@code Idempotency-Key} of its own. */
  static TaskBatch startWithIdempotencyKeys(PublicApi user, String agentId, int count) {
    return start(user, agentId, count, true);
  }

  private static TaskBatch start(PublicApi user, String agentId, int count, boolean idempotent) {
    TaskBatch batch = new TaskBatch(user, Map.of("agentId", agentId), count, idempotent);
    for (int i = 0; i < SUBMITTERS; i++) {
      batch.running.add(batch.submitters.submit(batch::submitUntilNoneLeft));
    }
    return batch;
  }

  private void submitUntilNoneLeft() {
    while (unclaimed.getAndDecrement() > 0) {
      Map<String, String> headers =
          idempotent ? Map.of("Idempotency-Key", UUID.randomUUID().toString()) : Map.of();
      while (!submitOnce(headers)) {
        PublicApi.pause(PAUSE_AFTER_FAILURE_MS);
      }
    }
  }

  /** One POST; true when it was accepted. */
  private boolean submitOnce(Map<String, String> headers) {
    HttpResponse<String> response;
    try {
      response = user.submit(task, "", headers);
    } catch (IllegalStateException e) {
      if (e.getCause() instanceof IOException) {
        failed("connection broken");
        return false;
      }
      throw e;
    }
    if (response.statusCode() != 202) {
      failed("HTTP " + response.statusCode());
      return false;
    }
    String taskId = PublicApi.read(response.body()).path("taskId").asText();
    if (!accepted.add(taskId)) {
      throw new AssertionError("two keys of the batch were answered with the same task " + taskId);
    }
    return true;
  }

  private void failed(String why) {
    failures.computeIfAbsent(why, ignored -> new AtomicInteger()).incrementAndGet();
  }

  /** How many tasks were accepted so far. */
  int acceptedSoFar() {
    return accepted.size();
  }

  /** Waits until at least {@code count} tasks were accepted; fails past the timeout. */
  void awaitAccepted(int count, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (accepted.size() < count) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "only "
                + accepted.size()
                + " of "
                + count
                + " tasks accepted within "
                + timeout
                + "; failed submissions: "
                + failures());
      }
      PublicApi.pause(20);
    }
  }

  /** Waits until every task of the batch was accepted and returns the accepted task ids. */
  Set<String> awaitAll(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (Future<?> submitter : running) {
      try {
        submitter.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (TimeoutException e) {
        throw new AssertionError(
            "the batch was not accepted within "
                + timeout
                + ": "
                + accepted.size()
                + " accepted; failed submissions: "
                + failures(),
            e);
      } catch (ExecutionException e) {
        throw new AssertionError("a submitter failed", e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    return Set.copyOf(accepted);
  }

  /** Submissions that were not accepted, by what answered them. */
  Map<String, Integer> failures() {
    Map<String, Integer> counts = new TreeMap<>();
    failures.forEach((why, count) -> counts.put(why, count.get()));
    return counts;
  }

  /** How many submissions were not accepted. */
  int notAccepted() {
    return failures.values().stream().mapToInt(AtomicInteger::get).sum();
  }

  @Override
  public void close() {
    submitters.shutdownNow();
  }
}
