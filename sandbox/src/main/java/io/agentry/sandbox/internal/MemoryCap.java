package io.agentry.sandbox.internal;

import java.util.function.Function;
import run.endive.runtime.ByteArrayMemory;
import run.endive.runtime.Memory;
import run.endive.wasm.types.MemoryLimits;

/**
 * The memory factory of one run: keeps the module's own limits but never lets memory grow past the
 * task's cap (a refused {@code memory.grow} returns -1 to the module; {@code withMemoryLimits}
 * would replace the module's limits instead), and remembers the memory it made, so that a failed
 * run can say how far its memory had grown. Each run gets a new memory: a {@link
 * CopyOnWriteMemory}, which costs only what the run writes, or, when asked for and the cap allows
 * it, a {@link FlatMemory}, on which compiled code runs faster but whose allocation a tiny task
 * would feel (a shared memory, which no agent needs, gets Endive's own). Used by one run on one
 * thread.
 */
public final class MemoryCap implements Function<MemoryLimits, Memory> {

  private final int capPages;
  private final boolean flat;
  private final DataImage image;
  private Memory memory;
  private int initialPages;

  /**
   * @param capPages the most pages the memory may have
   * @param flat a {@link FlatMemory} when the cap is at most {@link FlatMemory#MAX_PAGES}
   * @param image the module's data segments for a {@link CopyOnWriteMemory}, or null
   */
  public MemoryCap(int capPages, boolean flat, DataImage image) {
    this.capPages = capPages;
    this.flat = flat;
    this.image = image;
  }

  @Override
  public Memory apply(MemoryLimits limits) {
    initialPages = limits.initialPages();
    MemoryLimits capped =
        new MemoryLimits(
            limits.initialPages(), Math.min(limits.maximumPages(), capPages), limits.shared());
    if (limits.shared()) {
      memory = new ByteArrayMemory(capped);
    } else if (flat && capped.maximumPages() <= FlatMemory.MAX_PAGES) {
      memory = new FlatMemory(capped);
    } else {
      memory = new CopyOnWriteMemory(capped, image);
    }
    return memory;
  }

  /** True when the run's memory grew past its initial size. */
  public boolean grew() {
    return memory != null && memory.pages() > initialPages;
  }

  /** The run's memory now, in 64 KiB pages. */
  public int pages() {
    return memory == null ? 0 : memory.pages();
  }
}
