package io.agentry.bench;

import io.vertx.core.buffer.Buffer;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Submits tasks through the gateway, either at a fixed offered rate (open loop: each request is due
 * at its own time, and its latencies count from then, so a slow platform cannot hide its queueing)
 * or from a number of clients that each send the next task when the last one was answered (closed
 * loop); then waits for every accepted task's terminal event.
 */
final class LoadRun {

  /** How tasks are offered. */
  record Shape(int tasks, int ratePerSecond, int concurrency) {
    boolean openLoop() {
      return ratePerSecond > 0;
    }

    String describe() {
      return openLoop()
          ? String.format("%,d tasks offered at %,d/s (open loop)", tasks, ratePerSecond)
          : String.format("%,d tasks from %d concurrent clients (closed loop)", tasks, concurrency);
    }
  }

  /** What a run measured. */
  record Result(
      Shape shape,
      int accepted,
      Map<Integer, Integer> refusedByStatus,
      int transportErrors,
      double submitSeconds,
      double acceptedPerSecond,
      double completedPerSecond,
      int finished,
      int lost,
      long repeatedTerminals,
      Map<String, Integer> byStatus,
      Latencies accept,
      Latencies submitToFinished) {}

  private final PublicApi api;
  private final TerminalEvents terminals;
  private final String apiKey;
  private final Buffer taskBody;
  private final long drainTimeoutNanos;

  private final Queue<Submitted> submitted = new ConcurrentLinkedQueue<>();
  private final Map<Integer, Integer> refused = new ConcurrentHashMap<>();
  private final AtomicInteger transportErrors = new AtomicInteger();
  private final Latencies accept = new Latencies();

  private record Submitted(UUID taskId, long dueNanos) {}

  LoadRun(
      PublicApi api,
      TerminalEvents terminals,
      String apiKey,
      Buffer taskBody,
      long drainTimeoutSeconds) {
    this.api = api;
    this.terminals = terminals;
    this.apiKey = apiKey;
    this.taskBody = taskBody;
    this.drainTimeoutNanos = TimeUnit.SECONDS.toNanos(drainTimeoutSeconds);
  }

  Result run(Shape shape) throws InterruptedException {
    long repeatedBefore = terminals.repeatedTerminals();
    long start = System.nanoTime();
    CountDownLatch answered = new CountDownLatch(shape.tasks());
    if (shape.openLoop()) {
      long interval = TimeUnit.SECONDS.toNanos(1) / shape.ratePerSecond();
      for (int i = 0; i < shape.tasks(); i++) {
        long due = start + i * interval;
        long wait = due - System.nanoTime();
        if (wait > 0) {
          LockSupport.parkNanos(wait);
        }
        submit(due, answered, null);
      }
    } else {
      AtomicInteger remaining = new AtomicInteger(shape.tasks());
      for (int client = 0; client < shape.concurrency(); client++) {
        if (remaining.getAndDecrement() > 0) {
          submit(System.nanoTime(), answered, remaining);
        }
      }
    }
    answered.await();
    long submitEnd = System.nanoTime();
    return summarise(shape, start, submitEnd, repeatedBefore);
  }

  /** Sends one task; in a closed loop, its answer sends the next while tasks remain. */
  private void submit(long due, CountDownLatch answered, AtomicInteger remaining) {
    api.submit(apiKey, taskBody)
        .onComplete(
            outcome -> {
              long now = System.nanoTime();
              if (outcome.failed()) {
                transportErrors.incrementAndGet();
              } else if (outcome.result().status() == 202) {
                accept.add(now - due);
                UUID taskId = UUID.fromString(outcome.result().json().getString("taskId"));
                submitted.add(new Submitted(taskId, due));
              } else {
                refused.merge(outcome.result().status(), 1, Integer::sum);
              }
              answered.countDown();
              if (remaining != null && remaining.getAndDecrement() > 0) {
                submit(System.nanoTime(), answered, remaining);
              }
            });
  }

  private Result summarise(Shape shape, long start, long submitEnd, long repeatedBefore)
      throws InterruptedException {
    long deadline = System.nanoTime() + drainTimeoutNanos;
    Latencies toFinished = new Latencies();
    Map<String, Integer> byStatus = new ConcurrentHashMap<>();
    AtomicLong lastEnding = new AtomicLong(start);
    int finished = 0;
    for (Submitted task : submitted) {
      TerminalEvents.Ending ending;
      while ((ending = terminals.ending(task.taskId())) == null && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      if (ending != null) {
        finished++;
        toFinished.add(ending.seenNanos() - task.dueNanos());
        byStatus.merge(ending.status(), 1, Integer::sum);
        lastEnding.accumulateAndGet(ending.seenNanos(), Math::max);
      }
    }
    int accepted = submitted.size();
    double submitSeconds = (submitEnd - start) / 1e9;
    double completionSeconds = (lastEnding.get() - start) / 1e9;
    return new Result(
        shape,
        accepted,
        Map.copyOf(refused),
        transportErrors.get(),
        submitSeconds,
        accepted / submitSeconds,
        completionSeconds > 0 ? finished / completionSeconds : 0,
        finished,
        accepted - finished,
        terminals.repeatedTerminals() - repeatedBefore,
        Map.copyOf(byStatus),
        accept,
        toFinished);
  }
}
