package io.agentry.wire;

/**
 * The heap an executor needs so that each of its worker threads can run a task at the largest
 * memory limit ({@link TaskLimits#MAX_MEMORY_MB}) while the rest of the heap still holds the module
 * cache, the intake window and the service itself. The executor's configuration takes its defaults
 * from here; the deployment manifests and the local launcher size executors with {@link
 * #minimumMaxHeapBytes}.
 */
public final class ExecutorHeap {

  /** Default of {@code agentry.executor.memory.heap-share}: the runs' share of the heap. */
  public static final String DEFAULT_HEAP_SHARE = "0.7";

  /**
   * Default of {@code agentry.executor.cache.max-bytes}: 256 MiB of heap and metaspace for cached
   * compiled modules.
   */
  public static final String DEFAULT_CACHE_BYTES = "268435456";

  /** Default of {@code agentry.executor.intake.window-bytes}: 64 MiB of tasks read ahead. */
  public static final String DEFAULT_WINDOW_BYTES = "67108864";

  /** What the service holds besides runs, cache and intake: Kafka clients, records, Quarkus. */
  public static final long SERVICE_BYTES = 128L * 1024 * 1024;

  private static final long MIB = 1024 * 1024;

  private ExecutorHeap() {}

  /**
   * The smallest maximum heap (as {@code Runtime.maxMemory()} reports it) with which {@code
   * workers} runs at the largest memory limit fit in the memory budget of the default heap share,
   * and the runs plus the cache, the intake window and the service fit in the heap.
   */
  public static long minimumMaxHeapBytes(int workers) {
    if (workers < 1) {
      throw new IllegalArgumentException("an executor needs at least one worker, was " + workers);
    }
    long runs = workers * TaskLimits.MAX_MEMORY_MB * MIB;
    long budgetHoldsEveryRun = (long) Math.ceil(runs / Double.parseDouble(DEFAULT_HEAP_SHARE));
    long heapHoldsTheRest =
        runs
            + Long.parseLong(DEFAULT_CACHE_BYTES)
            + Long.parseLong(DEFAULT_WINDOW_BYTES)
            + SERVICE_BYTES;
    return Math.max(budgetHoldsEveryRun, heapHoldsTheRest);
  }
}
