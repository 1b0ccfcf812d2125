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
 * A fixed number of worker threads that run jobs, with a small bounded queue and backpressure
 * beyond it: {@link #submit} hands a job to a free worker or, when every worker is busy, to one of
 * {@code queueCapacity} places in line, and the returned stage completes then; past that the job
 * waits and its stage completes only once it got a place. A caller that takes the next job only
 * after that stage completed (as the Kafka intake does) holds at most {@code queueCapacity + 1}
 * jobs waiting, and Kafka keeps the rest. The queue is what keeps the workers busy: a worker that
 * finishes takes the next job from it at once, instead of waiting for the intake. Thread-safe.
 */
public final class WorkerPool implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(WorkerPool.class);

  /** After the grace period, how long stopped runs get to unwind before shutdown goes on. */
  private static final Duration UNWIND = Duration.ofSeconds(5);

  private final int size;
  private final int queueCapacity;
  private final ExecutorService threads;

  /** Jobs in line for a worker, their stages complete; at most {@link #queueCapacity}. */
  private final ArrayDeque<Waiting> queued = new ArrayDeque<>();

  /** Jobs beyond the line, their stages not yet complete. */
  private final ArrayDeque<Waiting> blocked = new ArrayDeque<>();

  private int busy;
  private boolean accepting = true;

  /**
   * A pool without a queue: a job's stage completes only when a worker took it.
   *
   * @param size how many jobs run at the same time
   * @param name the threads' name prefix
   */
  public WorkerPool(int size, String name) {
    this(size, 0, name);
  }

  /**
   * @param size how many jobs run at the same time
   * @param queueCapacity how many jobs may wait in line with their stages complete
   * @param name the threads' name prefix
   */
  public WorkerPool(int size, int queueCapacity, String name) {
    if (size < 1) {
      throw new IllegalArgumentException("a worker pool needs at least 1 thread, was " + size);
    }
    if (queueCapacity < 0) {
      throw new IllegalArgumentException(
          "a queue capacity cannot be negative, was " + queueCapacity);
    }
    this.size = size;
    this.queueCapacity = queueCapacity;
    this.threads = Executors.newFixedThreadPool(size, daemonThreads(name));
  }

  /**
   * Runs {@code job} on a free worker, or as soon as one is free.
   *
   * @return completes when a worker took the job or it got a place in line; never completes once
   *     the pool stopped accepting jobs, and then the job never runs
   */
  public CompletionStage<Void> submit(Runnable job) {
    CompletableFuture<Void> taken = new CompletableFuture<>();
    synchronized (this) {
      if (!accepting) {
        return taken;
      }
      if (busy >= size) {
        Waiting waiting = new Waiting(job, taken);
        if (queued.size() < queueCapacity) {
          queued.add(waiting);
        } else {
          blocked.add(waiting);
          return taken;
        }
      } else {
        busy++;
        start(job);
      }
    }
    taken.complete(null);
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
      queued.clear();
      blocked.clear();
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

  /** Hands the job to a thread; the caller counted it as busy. */
  private void start(Runnable job) {
    try {
      threads.execute(() -> runThenFree(job));
    } catch (RejectedExecutionException e) {
      // Closed: the job never runs, like any job submitted after the pool stopped accepting.
      synchronized (this) {
        busy--;
        notifyAll();
      }
    }
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

  /**
   * A worker is free: it takes the first job in line, and the first blocked job gets the place in
   * line that freed up (or, without a line, is taken at once).
   */
  private void freed() {
    Waiting next;
    Waiting admitted;
    synchronized (this) {
      next = queued.poll();
      admitted = blocked.poll();
      if (next == null) {
        next = admitted;
        admitted = null;
      } else if (admitted != null) {
        queued.add(admitted);
      }
      if (next == null) {
        busy--;
        notifyAll();
        return;
      }
      start(next.job());
    }
    next.taken().complete(null);
    if (admitted != null) {
      admitted.taken().complete(null);
    }
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
