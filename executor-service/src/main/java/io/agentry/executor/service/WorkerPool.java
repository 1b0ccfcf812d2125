package io.agentry.executor.service;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * A fixed number of worker threads that run jobs, with backpressure instead of a queue: {@link
 * #submit} hands a job to a free worker, and when every worker is busy the job waits and the
 * returned stage completes only once a worker took it. A caller that takes the next job only after
 * that stage completed (as the Kafka intake does) holds at most one job waiting, and Kafka keeps
 * the rest. Thread-safe.
 */
public final class WorkerPool implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(WorkerPool.class);

  /** After the grace period, how long stopped runs get to unwind before shutdown goes on. */
  private static final Duration UNWIND = Duration.ofSeconds(5);

  private final int size;
  private final ExecutorService threads;
  private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();
  private int busy;
  private boolean accepting = true;

  /**
   * @param size how many jobs run at the same time
   * @param name the threads' name prefix
   */
  public WorkerPool(int size, String name) {
    if (size < 1) {
      throw new IllegalArgumentException("a worker pool needs at least 1 thread, was " + size);
    }
    this.size = size;
    this.threads = Executors.newFixedThreadPool(size, daemonThreads(name));
  }

  /**
   * Runs {@code job} on a free worker, or as soon as one is free.
   *
   * @return completes when a worker took the job; never completes once the pool stopped accepting
   *     jobs, and then the job never runs
   */
  public CompletionStage<Void> submit(Runnable job) {
    CompletableFuture<Void> taken = new CompletableFuture<>();
    synchronized (this) {
      if (!accepting) {
        return taken;
      }
      if (busy >= size) {
        waiting.add(new Waiting(job, taken));
        return taken;
      }
      busy++;
    }
    start(job, taken);
    return taken;
  }

  /** How many workers there are. */
  public int size() {
    return size;
  }

  /** False once {@link #drain} began. */
  public synchronized boolean accepting() {
    return accepting;
  }

  /** How many workers run a job now. */
  public synchronized int busy() {
    return busy;
  }

  /**
   * Stops taking jobs (waiting ones never start) and waits up to {@code grace} for the running ones
   * to end. When some still run at the deadline, runs {@code atDeadline} (which should stop them)
   * and waits a few more seconds for them to unwind.
   *
   * @return true when every job ended within the grace period
   */
  public boolean drain(Duration grace, Runnable atDeadline) {
    synchronized (this) {
      accepting = false;
      waiting.clear();
    }
    if (awaitIdle(grace)) {
      return true;
    }
    atDeadline.run();
    if (!awaitIdle(UNWIND)) {
      LOG.warnf("%d workers were still busy %s after they were told to stop", busy(), UNWIND);
    }
    return false;
  }

  @Override
  public void close() {
    threads.shutdownNow();
  }

  private void start(Runnable job, CompletableFuture<Void> taken) {
    try {
      threads.execute(() -> runThenFree(job));
    } catch (RejectedExecutionException e) {
      // Closed: the job never runs, like any job submitted after the pool stopped accepting.
      synchronized (this) {
        busy--;
        notifyAll();
      }
      return;
    }
    taken.complete(null);
  }

  private void runThenFree(Runnable job) {
    try {
      job.run();
    } catch (RuntimeException | Error e) {
      LOG.error("A worker's job failed", e);
    } finally {
      freed();
    }
  }

  /** A worker is free: it passes to the longest waiting job, if any. */
  private void freed() {
    Waiting next;
    synchronized (this) {
      next = waiting.poll();
      if (next == null) {
        busy--;
        notifyAll();
        return;
      }
    }
    start(next.job(), next.taken());
  }

  private synchronized boolean awaitIdle(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (busy > 0) {
      long remaining = deadline - System.nanoTime();
      if (remaining <= 0) {
        return false;
      }
      try {
        TimeUnit.NANOSECONDS.timedWait(this, remaining);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }

  private static ThreadFactory daemonThreads(String name) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
      // A run that ignores shutdown must not keep the JVM alive.
      thread.setDaemon(true);
      return thread;
    };
  }

  private record Waiting(Runnable job, CompletableFuture<Void> taken) {}
}
