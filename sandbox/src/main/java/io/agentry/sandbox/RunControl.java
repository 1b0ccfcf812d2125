package io.agentry.sandbox;

/**
 * Stops one run from outside: its time limit, the user's cancellation or the executor's shutdown.
 * The first reason wins. The sandbox binds the control to its thread for the run only, so a stop
 * interrupts nothing but that run; when the run ends, an interrupt that this control delivered is
 * taken back, so it can never stop the next task on the same thread. A stop that comes before the
 * run means the run never starts; one that comes after it changes nothing. Thread-safe; one per
 * run.
 */
public final class RunControl {

  /** Why a run was stopped. */
  public enum Reason {
    /** Its wall-clock limit passed: the task ends TIMED_OUT. */
    TIME_LIMIT,
    /** Its user cancelled it: the task ends CANCELLED. */
    CANCELLED,
    /** The executor is stopping: the task gets no terminal event and runs again elsewhere. */
    SHUTDOWN
  }

  private Thread running;
  private boolean started;
  private boolean ended;
  private Reason reason;

  /** The user cancelled the task. */
  public void cancel() {
    stop(Reason.CANCELLED);
  }

  /** The executor is stopping and will not wait for this run. */
  public void shutdown() {
    stop(Reason.SHUTDOWN);
  }

  /** Why the run was stopped, or null while it was not. */
  public synchronized Reason reason() {
    return reason;
  }

  /** True once the sandbox took the run up (it may already be over). */
  public synchronized boolean started() {
    return started;
  }

  synchronized void stop(Reason why) {
    if (reason != null || ended) {
      return;
    }
    reason = why;
    if (running != null) {
      running.interrupt();
    }
  }

  /**
   * Binds the control to the calling thread for the run.
   *
   * @return the reason when the run was stopped before it started (then it must not run), else null
   */
  synchronized Reason enter() {
    if (started) {
      throw new IllegalStateException("a run control serves one run");
    }
    started = true;
    if (reason == null) {
      running = Thread.currentThread();
    }
    return reason;
  }

  /** Ends the run: later stops do nothing, and an interrupt this control delivered is cleared. */
  void exit() {
    boolean delivered;
    synchronized (this) {
      delivered = running != null && reason != null;
      running = null;
      ended = true;
    }
    if (delivered) {
      // Ours, not someone else's: take it back now that the run is over.
      Thread.interrupted();
    }
  }
}
