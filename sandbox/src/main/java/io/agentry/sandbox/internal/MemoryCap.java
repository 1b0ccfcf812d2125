package io.agentry.sandbox.internal;

import java.util.function.Function;
import run.endive.runtime.ByteArrayMemory;
import run.endive.runtime.Memory;
import run.endive.wasm.types.MemoryLimits;

/**
 * The memory factory of one run: keeps the module's own limits but never lets memory grow past the
 * task's cap (a refused {@code memory.grow} returns -1 to the module; {@code withMemoryLimits}
 * would replace the module's limits instead), and remembers the memory it made, so that a failed
 * run can say how far its memory had grown. Each run gets a new {@link CopyOnWriteMemory}, which
 * costs only what the run writes (a shared memory, which no agent needs, gets Endive's own). Used
 * by one run on one thread.
 */
public final class MemoryCap implements Function<MemoryLimits, Memory> {

  private final int capPages;
  private Memory memory;
  private int initialPages;

  public MemoryCap(int capPages) {
    this.capPages = capPages;
  }

  @Override
  public Memory apply(MemoryLimits limits) {
    initialPages = limits.initialPages();
    MemoryLimits capped =
        new MemoryLimits(
            limits.initialPages(), Math.min(limits.maximumPages(), capPages), limits.shared());
    memory = limits.shared() ? new ByteArrayMemory(capped) : new CopyOnWriteMemory(capped);
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
