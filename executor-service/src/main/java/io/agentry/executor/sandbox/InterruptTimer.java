package io.agentry.executor.sandbox;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Interrupts one thread when its run's time is up. Closing it, on that same thread, guarantees that
 * no interrupt of this timer arrives later and that one that already arrived is cleared, so it can
 * never stop the next task that the thread runs.
 */
final class InterruptTimer implements AutoCloseable {

  private final Thread target;
  private ScheduledFuture<?> future;
  private boolean armed = true;
  private boolean fired;

  private InterruptTimer(Thread target) {
    this.target = target;
  }

  /** Interrupts the calling thread after {@code timeoutMs}, unless closed before. */
  static InterruptTimer arm(ScheduledExecutorService scheduler, long timeoutMs) {
    InterruptTimer timer = new InterruptTimer(Thread.currentThread());
    ScheduledFuture<?> future = scheduler.schedule(timer::fire, timeoutMs, TimeUnit.MILLISECONDS);
    synchronized (timer) {
      timer.future = future;
    }
    return timer;
  }

  /** True once the time was up and the thread was interrupted. */
  synchronized boolean fired() {
    return fired;
  }

  private synchronized void fire() {
    if (armed) {
      fired = true;
      target.interrupt();
    }
  }

  @Override
  public void close() {
    boolean clear;
    synchronized (this) {
      armed = false;
      future.cancel(false);
      clear = fired;
    }
    if (clear) {
      // Ours, not someone else's: take it back now that the run is over.
      Thread.interrupted();
    }
  }
}
