package io.agentry.sandbox;

import java.util.ArrayDeque;

/**
 * The linear memory that the runs of one executor may hold together, in MiB. A run takes its task's
 * {@code maxMemoryMb} before it starts and gives it back when it ends, so that runs which each stay
 * within their own limit can never exhaust the heap together: a run that does not fit waits (in
 * turn: a large run is not overtaken by smaller ones) until enough is given back. Thread-safe.
 */
public final class MemoryBudget {

  private static final long MIB = 1024 * 1024;

  private final int totalMb;
  private final ArrayDeque<Object> waiting = new ArrayDeque<>();
  private int freeMb;

  /**
   * @param totalMb the MiB of linear memory all runs may hold at the same time
   */
  public MemoryBudget(int totalMb) {
    if (totalMb < 1) {
      throw new IllegalArgumentException("a memory budget needs at least 1 MiB, was " + totalMb);
    }
    this.totalMb = totalMb;
    this.freeMb = totalMb;
  }

  /** A budget of {@code share} of this JVM's maximum heap. */
  public static MemoryBudget ofHeap(double share) {
    if (!(share > 0 && share <= 1)) {
      throw new IllegalArgumentException("the heap share must be above 0 and at most 1: " + share);
    }
    long heapMb = Runtime.getRuntime().maxMemory() / MIB;
    return new MemoryBudget((int) Math.max(1, Math.min(Integer.MAX_VALUE, heapMb * share)));
  }

  /** A budget that never makes a run wait: for runs that are not counted (tests, benchmarks). */
  public static MemoryBudget unlimited() {
    return new MemoryBudget(Integer.MAX_VALUE);
  }

  /** The MiB all runs may hold together; no single run may take more. */
  public int totalMb() {
    return totalMb;
  }

  /** The MiB no run holds now. */
  public synchronized int freeMb() {
    return freeMb;
  }

  /**
   * Takes {@code mb}, waiting for runs that came earlier and until enough was given back.
   *
   * @throws IllegalArgumentException when {@code mb} is more than the whole budget
   * @throws InterruptedException when the thread is interrupted while it waits (nothing is taken)
   */
  public synchronized void take(int mb) throws InterruptedException {
    if (mb < 0 || mb > totalMb) {
      throw new IllegalArgumentException(
          "a run cannot take " + mb + " MiB of a budget of " + totalMb + " MiB");
    }
    Object turn = new Object();
    waiting.add(turn);
    try {
      while (waiting.peek() != turn || freeMb < mb) {
        wait();
      }
      freeMb -= mb;
    } finally {
      waiting.remove(turn);
      notifyAll();
    }
  }

  /** Gives back what {@link #take} took. */
  public synchronized void give(int mb) {
    freeMb = (int) Math.min(totalMb, (long) freeMb + mb);
    notifyAll();
  }
}
