package io.agentry.executor.service;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
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
 * A fixed number of worker threads that run jobs, with a bounded, fair line and backpressure beyond
 * it: {@link #submit} hands a job to a free worker or, when every worker is busy, to the line, and
 * the returned stage completes then; when the line is full (its {@link Window}), the job waits and
 * its stage completes only once it got a place. A caller that takes the next job only after that
 * stage completed (as the Kafka intake does) holds at most one job beyond the line, and Kafka keeps
 * the rest. A worker that finishes takes the next job from the line at once, round robin across the
 * jobs' lanes (users, see {@link FairLine}), so one lane's many jobs do not hold back another's.
 * Thread-safe.
 */
public final class WorkerPool implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(WorkerPool.class);

  /** After the grace period, how long stopped runs get to unwind before shutdown goes on. */
  private static final Duration UNWIND = Duration.ofSeconds(5);

  /** The lane of jobs submitted without one. */
  private static final String SHARED_LANE = "";

  private final int size;
  private final Window window;
  private final ExecutorService threads;

  /** Jobs in line for a worker, their stages complete; within {@link #window}. */
  private final FairLine<Waiting> line = new FairLine<>();

  /** Jobs beyond the line, their stages not yet complete. */
  private final ArrayDeque<Waiting> blocked = new ArrayDeque<>();

  private int busy;
  private boolean accepting = true;

  /**
   * A pool without a line: a job's stage completes only when a worker took it.
   *
   * @param size how many jobs run at the same time
   * @param name the threads' name prefix
   */
  public WorkerPool(int size, String name) {
    this(size, Window.NONE, name);
  }

  /**
   * A pool whose line holds {@code queueCapacity} jobs whatever their weight.
   *
   * @param size how many jobs run at the same time
   * @param queueCapacity how many jobs may wait in line with their stages complete
   * @param name the threads' name prefix
   */
  public WorkerPool(int size, int queueCapacity, String name) {
    this(size, new Window(queueCapacity, Long.MAX_VALUE), name);
  }

  /**
   * @param size how many jobs run at the same time
   * @param window how many jobs, and how much of their weight, may wait in line
   * @param name the threads' name prefix
   */
  public WorkerPool(int size, Window window, String name) {
    if (size < 1) {
      throw new IllegalArgumentException("a worker pool needs at least 1 thread, was " + size);
    }
    this.size = size;
    this.window = window;
    this.threads = Executors.newFixedThreadPool(size, daemonThreads(name));
  }

  /** Runs {@code job} on a free worker, or as soon as one is free, in one lane shared by all. */
  public CompletionStage<Void> submit(Runnable job) {
    return submit(new Job(SHARED_LANE, null, 0, job));
  }

  /**
   * Runs {@code job} on a free worker, or when its lane's turn comes.
   *
   * @return completes when a worker took the job or it got a place in line; never completes once
   *     the pool stopped accepting jobs, and then the job never runs
   */
  public CompletionStage<Void> submit(Job job) {
    CompletableFuture<Void> taken = new CompletableFuture<>();
    Waiting waiting = new Waiting(job, taken);
    synchronized (this) {
      if (!accepting) {
        return taken;
      }
      if (busy < size) {
        busy++;
        start(job);
      } else if (blocked.isEmpty() && fits(job)) {
        line.add(job.lane(), job.weight(), waiting);
      } else {
        blocked.add(waiting);
        return taken;
      }
    }
    taken.complete(null);
    return taken;
  }

  /**
   * Drops the jobs from {@code origins} that wait in line or beyond it: they never run. A dropped
   * job beyond the line has its stage completed, so that its caller goes on.
   *
   * @return how many jobs were dropped
   */
  public int dropWaiting(Collection<?> origins) {
    List<Waiting> released = new ArrayList<>();
    List<Waiting> admitted;
    int dropped;
    synchronized (this) {
      dropped = line.removeIf(waiting -> origins.contains(waiting.job().origin())).size();
      Iterator<Waiting> each = blocked.iterator();
      while (each.hasNext()) {
        Waiting waiting = each.next();
        if (origins.contains(waiting.job().origin())) {
          each.remove();
          released.add(waiting);
        }
      }
      admitted = admitBlocked();
    }
    released.forEach(waiting -> waiting.taken().complete(null));
    admitted.forEach(waiting -> waiting.taken().complete(null));
    return dropped + released.size();
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

  /** How many jobs wait in line. */
  public synchronized int waiting() {
    return line.size();
  }

  /** The weight of the jobs in line. */
  public synchronized long waitingWeight() {
    return line.weight();
  }

  /** How many lanes have jobs in line. */
  public synchronized int waitingLanes() {
    return line.users();
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
      line.clear();
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

  /** Whether {@code job} fits in the line now; a line with room for jobs always takes one. */
  private boolean fits(Job job) {
    if (line.size() >= window.jobs()) {
      return false;
    }
    return line.isEmpty() || line.weight() + job.weight() <= window.weight();
  }

  /** Moves blocked jobs into the line while they fit; returns them, to complete their stages. */
  private List<Waiting> admitBlocked() {
    List<Waiting> admitted = new ArrayList<>();
    while (!blocked.isEmpty() && fits(blocked.peek().job())) {
      Waiting waiting = blocked.poll();
      line.add(waiting.job().lane(), waiting.job().weight(), waiting);
      admitted.add(waiting);
    }
    return admitted;
  }

  /** Hands the job to a thread; the caller counted it as busy. */
  private void start(Job job) {
    try {
      threads.execute(() -> runThenFree(job.work()));
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
   * A worker is free: it takes the next job from the line, whose lane's turn it is (or, without a
   * line, the first blocked job), and blocked jobs get the places in line that freed up.
   */
  private void freed() {
    Waiting next;
    List<Waiting> admitted;
    synchronized (this) {
      next = line.poll();
      if (next == null) {
        next = blocked.poll();
      }
      admitted = admitBlocked();
      if (next == null) {
        busy--;
        notifyAll();
        return;
      }
      start(next.job());
    }
    next.taken().complete(null);
    admitted.forEach(waiting -> waiting.taken().complete(null));
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

  /**
   * How much may wait in line for a worker.
   *
   * @param jobs how many jobs
   * @param weight the most their weights may add up to; a line with room for jobs always takes one,
   *     however heavy, so that no job waits forever
   */
  public record Window(int jobs, long weight) {

    /** No line: a job waits until a worker takes it. */
    public static final Window NONE = new Window(0, 0);

    public Window {
      if (jobs < 0) {
        throw new IllegalArgumentException("a line cannot hold fewer than 0 jobs, was " + jobs);
      }
      if (weight < 0) {
        throw new IllegalArgumentException("a line's weight cannot be negative, was " + weight);
      }
    }
  }

  /**
   * A job and what the line needs to know of it.
   *
   * @param lane whose job it is: the line takes jobs round robin across lanes
   * @param origin where it came from, so that the jobs of one origin can be dropped; may be null
   * @param weight what it weighs in the line (bytes)
   * @param work what a worker runs
   */
  public record Job(String lane, Object origin, long weight, Runnable work) {}

  private record Waiting(Job job, CompletableFuture<Void> taken) {}
}
