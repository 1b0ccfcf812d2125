package io.agentry.sandbox.internal;

import java.util.List;
import run.endive.runtime.Memory;
import run.endive.wasm.WasmModule;
import run.endive.wasm.types.ActiveDataSegment;
import run.endive.wasm.types.DataSegment;
import run.endive.wasm.types.ExternalType;
import run.endive.wasm.types.Instruction;
import run.endive.wasm.types.MemorySection;
import run.endive.wasm.types.OpCode;

/**
 * A module's memory as its data segments leave it, made once per module in {@link
 * CopyOnWriteMemory}'s 4 KiB chunks: a run's memory starts with these chunks instead of copying the
 * segments into chunks of its own, and copies a chunk only when it first writes to it. The chunks
 * are shared by every run of the module and never written (a memory hands out only chunks of its
 * own for writing), so they hold the module's bytes and nothing else. Made only where every active
 * segment has a constant offset inside the initial memory and the chunks take no more bytes than
 * the binary (the module cache's weight covers them); otherwise a run's memory applies the segments
 * itself, which also reports a segment out of bounds. Immutable and thread-safe.
 */
public final class DataImage {

  private final DataSegment[] segments;
  private final byte[][] chunks;

  private DataImage(DataSegment[] segments, byte[][] chunks) {
    this.segments = segments;
    this.chunks = chunks;
  }

  /** The image of {@code module}'s first memory, or null where it cannot have one. */
  public static DataImage of(WasmModule module, long binaryBytes) {
    if (module.memorySection().isEmpty() || module.importSection().count(ExternalType.MEMORY) > 0) {
      return null;
    }
    MemorySection memories = module.memorySection().get();
    if (memories.memoryCount() != 1 || memories.getMemory(0).limits().shared()) {
      return null;
    }
    long size = (long) memories.getMemory(0).limits().initialPages() * Memory.PAGE_SIZE;
    DataSegment[] segments = module.dataSection().dataSegments();
    byte[][] chunks = new byte[(int) (size >>> CopyOnWriteMemory.CHUNK_SHIFT)][];
    long imageBytes = 0;
    for (DataSegment segment : segments) {
      if (!(segment instanceof ActiveDataSegment)) {
        continue;
      }
      ActiveDataSegment active = (ActiveDataSegment) segment;
      Long offset = constantOffset(active);
      if (active.index() != 0 || offset == null || offset < 0) {
        return null;
      }
      byte[] data = active.data();
      if (offset + data.length > size) {
        return null;
      }
      for (int done = 0; done < data.length; ) {
        long at = offset + done;
        int index = (int) (at >>> CopyOnWriteMemory.CHUNK_SHIFT);
        int inChunk = (int) (at & (CopyOnWriteMemory.CHUNK_BYTES - 1));
        int length = Math.min(data.length - done, CopyOnWriteMemory.CHUNK_BYTES - inChunk);
        if (chunks[index] == null) {
          imageBytes += CopyOnWriteMemory.CHUNK_BYTES;
          if (imageBytes > binaryBytes) {
            return null;
          }
          chunks[index] = new byte[CopyOnWriteMemory.CHUNK_BYTES];
        }
        System.arraycopy(data, done, chunks[index], inChunk, length);
        done += length;
      }
    }
    return new DataImage(segments, chunks);
  }

  /** The offset of a segment placed by one {@code i32.const}, else null. */
  private static Long constantOffset(ActiveDataSegment segment) {
    List<Instruction> offset = segment.offsetInstructions();
    if (offset.size() != 1 || offset.get(0).opcode() != OpCode.I32_CONST) {
      return null;
    }
    return (long) (int) offset.get(0).operand(0);
  }

  /** True when {@code segments} are this module's own (an instance gets a copy of the array). */
  boolean appliesTo(DataSegment[] segments) {
    if (segments == null || segments.length != this.segments.length) {
      return false;
    }
    for (int i = 0; i < segments.length; i++) {
      if (segments[i] != this.segments[i]) {
        return false;
      }
    }
    return true;
  }

  /** The number of chunks it covers: the module's initial memory. */
  int chunkCount() {
    return chunks.length;
  }

  /** The image's chunk at {@code index}, or null where the segments put nothing. */
  byte[] chunk(int index) {
    return chunks[index];
  }

  /**
   * True when {@code chunk} is the image's own at {@code index}: it must be copied to be written.
   */
  boolean isShared(int index, byte[] chunk) {
    return chunk != null && index < chunks.length && chunks[index] == chunk;
  }
}
