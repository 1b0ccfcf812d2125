package io.agentry.sandbox.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The time limits of the runs in progress, watched by one daemon thread that sleeps until the
 * earliest of them and calls its action when it passes. Starting a run wakes the thread only when
 * its deadline comes before the one the thread sleeps towards, and ending a run never does: runs
 * with the same limit start one after another, so the thread sleeps through a whole limit instead
 * of being woken for every run (a {@code ScheduledThreadPoolExecutor} that schedules and cancels a
 * task per run wakes its thread every time the queue's head changes). At most one entry per running
 * thread is held, so the list stays short. Thread-safe.
 */
public final class Deadlines implements AutoCloseable {

  private final List<Entry> entries = new ArrayList<>();
  private final Thread watcher;
  private long sleepingUntil;
  private boolean sleeping;
  private boolean closed;

  /**
   * @param threadName the name of the watching thread
   */
  public Deadlines(String threadName) {
    watcher = new Thread(this::watch, threadName);
    watcher.setDaemon(true);
    watcher.start();
  }

  /** One run's deadline; {@link #cancel} it when the run ends. */
  public final class Entry {
    private final long deadlineNanos;
    private final Runnable action;

    private Entry(long deadlineNanos, Runnable action) {
      this.deadlineNanos = deadlineNanos;
      this.action = action;
    }

    /** The run ended: the action will not be called (unless it already was). */
    public void cancel() {
      synchronized (Deadlines.this) {
        entries.remove(this);
      }
    }
  }

  /** Calls {@code action} once, on the watching thread, {@code timeoutMs} from now. */
  public synchronized Entry start(long timeoutMs, Runnable action) {
    long now = System.nanoTime();
    long deadline = now + TimeUnit.MILLISECONDS.toNanos(Math.max(0, timeoutMs));
    Entry entry = new Entry(deadline, action);
    entries.add(entry);
    if (sleeping && deadline - sleepingUntil < 0) {
      notifyAll();
    }
    return entry;
  }

  @Override
  public synchronized void close() {
    closed = true;
    notifyAll();
  }

  private void watch() {
    List<Runnable> due = new ArrayList<>();
    while (true) {
      synchronized (this) {
        if (closed) {
          return;
        }
        long now = System.nanoTime();
        long earliest = Long.MAX_VALUE;
        boolean any = false;
        for (int i = entries.size() - 1; i >= 0; i--) {
          Entry entry = entries.get(i);
          if (entry.deadlineNanos - now <= 0) {
            due.add(entry.action);
            entries.remove(i);
          } else if (!any || entry.deadlineNanos - earliest < 0) {
            earliest = entry.deadlineNanos;
            any = true;
          }
        }
        if (due.isEmpty()) {
          sleepingUntil = any ? earliest : now + TimeUnit.DAYS.toNanos(1);
          sleeping = true;
          try {
            TimeUnit.NANOSECONDS.timedWait(this, sleepingUntil - now);
          } catch (InterruptedException e) {
            return;
          } finally {
            sleeping = false;
          }
          continue;
        }
      }
      // Outside the lock: an action interrupts a run's thread, which may be about to cancel.
      for (Runnable action : due) {
        action.run();
      }
      due.clear();
    }
  }
}
