package io.agentry.sandbox.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import run.endive.runtime.ConstantEvaluators;
import run.endive.runtime.Instance;
import run.endive.runtime.Memory;
import run.endive.runtime.WasmRuntimeException;
import run.endive.wasm.UninstantiableException;
import run.endive.wasm.WasmEngineException;
import run.endive.wasm.types.ActiveDataSegment;
import run.endive.wasm.types.DataSegment;
import run.endive.wasm.types.MemoryLimits;
import run.endive.wasm.types.PassiveDataSegment;

/**
 * A run's linear memory (not shared between threads) that costs the host only what the run writes:
 * it is a table of 4 KiB chunks that all start as one shared, read-only chunk of zeros, and a chunk
 * gets bytes of its own, fresh from the JVM and therefore zero, the first time the run writes to
 * it. A tiny task whose module declares a megabyte of memory writes a few chunks, so its
 * instantiation no longer allocates and zeroes the whole declared memory (Endive's {@code
 * ByteArrayMemory} does, twice: once when it allocates the pages, once in {@code
 * Instance.initialize}).
 *
 * <p>Nothing is reused between runs: a chunk belongs to one memory and dies with it, so no byte of
 * one run can reach another. Every write goes through {@link #writable}, the one place that may
 * hand out a chunk to write into, and it never hands out the shared zero chunk. Chunks past the
 * memory's current size are null, so an access there fails like any access outside the memory.
 */
public final class CopyOnWriteMemory implements Memory {

  static final int CHUNK_SHIFT = 12;
  static final int CHUNK_BYTES = 1 << CHUNK_SHIFT;
  private static final int CHUNK_MASK = CHUNK_BYTES - 1;
  private static final int CHUNKS_PER_PAGE = PAGE_SIZE / CHUNK_BYTES;

  /** Read by every memory's untouched chunks; never written (see {@link #writable}). */
  private static final byte[] ZEROS = new byte[CHUNK_BYTES];

  private static final VarHandle SHORT =
      MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle INT =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle FLOAT =
      MethodHandles.byteArrayViewVarHandle(float[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle DOUBLE =
      MethodHandles.byteArrayViewVarHandle(double[].class, ByteOrder.LITTLE_ENDIAN);

  private final int initialPages;
  private final int maximumPages;
  private byte[][] chunks;
  private int pages;
  private int ownedChunks;
  private DataSegment[] dataSegments;

  /**
   * @param limits the memory's limits; it must not be shared
   */
  public CopyOnWriteMemory(MemoryLimits limits) {
    if (limits.shared()) {
      throw new IllegalArgumentException("a shared memory cannot be copy-on-write");
    }
    this.initialPages = limits.initialPages();
    this.maximumPages = Math.min(limits.maximumPages(), RUNTIME_MAX_PAGES);
    this.chunks = new byte[initialPages * CHUNKS_PER_PAGE][];
    Arrays.fill(chunks, ZEROS);
    this.pages = initialPages;
  }

  /** True when {@code chunk} is the shared chunk of zeros: for tests. */
  static boolean isSharedZeros(byte[] chunk) {
    return chunk == ZEROS;
  }

  /** True when the shared chunk of zeros still holds only zeros: for tests. */
  static boolean sharedZerosIntact() {
    for (byte b : ZEROS) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  /** The bytes the host holds for this memory: the chunks the run wrote to. */
  public long ownedBytes() {
    return (long) ownedChunks * CHUNK_BYTES;
  }

  /** The chunk at {@code index}, made the memory's own if it was the shared zeros. */
  private byte[] writable(int index) {
    byte[] chunk = chunks[index];
    if (chunk == ZEROS) {
      chunk = new byte[CHUNK_BYTES];
      chunks[index] = chunk;
      ownedChunks++;
    }
    return chunk;
  }

  private int sizeInBytes() {
    return pages * PAGE_SIZE;
  }

  @Override
  public int pages() {
    return pages;
  }

  @Override
  public int grow(int size) {
    int previous = pages;
    int wanted = previous + size;
    if (size < 0 || wanted > maximumPages || wanted < previous) {
      return -1;
    }
    int needed = wanted * CHUNKS_PER_PAGE;
    if (needed > chunks.length) {
      // Doubling keeps a module that grows a page at a time from copying the table each time.
      int capacity = Math.max(needed, Math.min(chunks.length * 2, maximumPages * CHUNKS_PER_PAGE));
      chunks = Arrays.copyOf(chunks, capacity);
    }
    Arrays.fill(chunks, previous * CHUNKS_PER_PAGE, needed, ZEROS);
    pages = wanted;
    return previous;
  }

  @Override
  public int initialPages() {
    return initialPages;
  }

  @Override
  public int maximumPages() {
    return maximumPages;
  }

  @Override
  public boolean shared() {
    return false;
  }

  @Override
  @SuppressWarnings("removal")
  public Object lock(int address) {
    // One thread runs the module and its host calls: the interface's atomics need no more.
    return this;
  }

  @Override
  @SuppressWarnings("removal")
  public int waitOn(int address, int expected, long timeout) {
    throw new WasmEngineException("Attempt to wait on a non-shared memory, not supported.");
  }

  @Override
  @SuppressWarnings("removal")
  public int waitOn(int address, long expected, long timeout) {
    throw new WasmEngineException("Attempt to wait on a non-shared memory, not supported.");
  }

  @Override
  @SuppressWarnings("removal")
  public int notify(int address, int maxThreads) {
    return 0;
  }

  @Override
  public void initialize(Instance instance, DataSegment[] dataSegments) {
    initialize(instance, dataSegments, 0);
  }

  @Override
  public void initialize(Instance instance, DataSegment[] dataSegments, int memoryIndex) {
    this.dataSegments = dataSegments;
    if (dataSegments == null) {
      return;
    }
    for (DataSegment segment : dataSegments) {
      if (segment instanceof ActiveDataSegment) {
        ActiveDataSegment active = (ActiveDataSegment) segment;
        if (active.index() != memoryIndex) {
          continue;
        }
        int offset =
            (int) ConstantEvaluators.computeConstantValue(instance, active.offsetInstructions())[0];
        byte[] data = active.data();
        checkBounds(offset, data.length, true);
        write(offset, data, 0, data.length);
      } else if (!(segment instanceof PassiveDataSegment)) {
        throw new WasmEngineException("Data segment should be active or passive: " + segment);
      }
    }
  }

  @Override
  public void initPassiveSegment(int segmentId, int dest, int offset, int size) {
    write(dest, dataSegments[segmentId].data(), offset, size);
  }

  @Override
  public void drop(int segment) {
    dataSegments[segment] = PassiveDataSegment.EMPTY;
  }

  @Override
  public void write(int addr, byte[] data, int offset, int size) {
    if (offset < 0 || size < 0 || (long) offset + size > data.length) {
      throw outOfBounds(offset, size);
    }
    checkBounds(addr, size, false);
    while (size > 0) {
      int inChunk = addr & CHUNK_MASK;
      int length = Math.min(size, CHUNK_BYTES - inChunk);
      System.arraycopy(data, offset, writable(addr >>> CHUNK_SHIFT), inChunk, length);
      addr += length;
      offset += length;
      size -= length;
    }
  }

  @Override
  public byte[] readBytes(int addr, int len) {
    checkBounds(addr, len, false);
    byte[] result = new byte[len];
    int done = 0;
    while (done < len) {
      int at = addr + done;
      int inChunk = at & CHUNK_MASK;
      int length = Math.min(len - done, CHUNK_BYTES - inChunk);
      System.arraycopy(chunks[at >>> CHUNK_SHIFT], inChunk, result, done, length);
      done += length;
    }
    return result;
  }

  @Override
  public byte read(int addr) {
    try {
      return chunks[addr >>> CHUNK_SHIFT][addr & CHUNK_MASK];
    } catch (RuntimeException e) {
      throw outOfBounds(e, addr, 1);
    }
  }

  @Override
  public void writeByte(int addr, byte data) {
    try {
      writable(addr >>> CHUNK_SHIFT)[addr & CHUNK_MASK] = data;
    } catch (RuntimeException e) {
      throw outOfBounds(e, addr, 1);
    }
  }

  @Override
  public short readShort(int addr) {
    int inChunk = addr & CHUNK_MASK;
    if (inChunk <= CHUNK_BYTES - 2) {
      try {
        return (short) SHORT.get(chunks[addr >>> CHUNK_SHIFT], inChunk);
      } catch (RuntimeException e) {
        throw outOfBounds(e, addr, 2);
      }
    }
    return (short) readAcross(addr, 2);
  }

  @Override
  public void writeShort(int addr, short data) {
    int inChunk = addr & CHUNK_MASK;
    if (inChunk <= CHUNK_BYTES - 2) {
      try {
        SHORT.set(writable(addr >>> CHUNK_SHIFT), inChunk, data);
      } catch (RuntimeException e) {
        throw outOfBounds(e, addr, 2);
      }
    } else {
      writeAcross(addr, data, 2);
    }
  }

  @Override
  public long readU16(int addr) {
    return readShort(addr) & 0xFFFFL;
  }

  @Override
  public int readInt(int addr) {
    int inChunk = addr & CHUNK_MASK;
    if (inChunk <= CHUNK_BYTES - 4) {
      try {
        return (int) INT.get(chunks[addr >>> CHUNK_SHIFT], inChunk);
      } catch (RuntimeException e) {
        throw outOfBounds(e, addr, 4);
      }
    }
    return (int) readAcross(addr, 4);
  }

  @Override
  public void writeI32(int addr, int data) {
    int inChunk = addr & CHUNK_MASK;
    if (inChunk <= CHUNK_BYTES - 4) {
      try {
        INT.set(writable(addr >>> CHUNK_SHIFT), inChunk, data);
      } catch (RuntimeException e) {
        throw outOfBounds(e, addr, 4);
      }
    } else {
      writeAcross(addr, data, 4);
    }
  }

  @Override
  public long readLong(int addr) {
    int inChunk = addr & CHUNK_MASK;
    if (inChunk <= CHUNK_BYTES - 8) {
      try {
        return (long) LONG.get(chunks[addr >>> CHUNK_SHIFT], inChunk);
      } catch (RuntimeException e) {
        throw outOfBounds(e, addr, 8);
      }
    }
    return readAcross(addr, 8);
  }

  @Override
  public void writeLong(int addr, long data) {
    int inChunk = addr & CHUNK_MASK;
    if (inChunk <= CHUNK_BYTES - 8) {
      try {
        LONG.set(writable(addr >>> CHUNK_SHIFT), inChunk, data);
      } catch (RuntimeException e) {
        throw outOfBounds(e, addr, 8);
      }
    } else {
      writeAcross(addr, data, 8);
    }
  }

  @Override
  public float readFloat(int addr) {
    int inChunk = addr & CHUNK_MASK;
    if (inChunk <= CHUNK_BYTES - 4) {
      try {
        return (float) FLOAT.get(chunks[addr >>> CHUNK_SHIFT], inChunk);
      } catch (RuntimeException e) {
        throw outOfBounds(e, addr, 4);
      }
    }
    return Float.intBitsToFloat((int) readAcross(addr, 4));
  }

  @Override
  public long readF32(int addr) {
    return readInt(addr);
  }

  @Override
  public void writeF32(int addr, float data) {
    int inChunk = addr & CHUNK_MASK;
    if (inChunk <= CHUNK_BYTES - 4) {
      try {
        FLOAT.set(writable(addr >>> CHUNK_SHIFT), inChunk, data);
      } catch (RuntimeException e) {
        throw outOfBounds(e, addr, 4);
      }
    } else {
      writeAcross(addr, Float.floatToRawIntBits(data), 4);
    }
  }

  @Override
  public double readDouble(int addr) {
    int inChunk = addr & CHUNK_MASK;
    if (inChunk <= CHUNK_BYTES - 8) {
      try {
        return (double) DOUBLE.get(chunks[addr >>> CHUNK_SHIFT], inChunk);
      } catch (RuntimeException e) {
        throw outOfBounds(e, addr, 8);
      }
    }
    return Double.longBitsToDouble(readAcross(addr, 8));
  }

  @Override
  public long readF64(int addr) {
    return readLong(addr);
  }

  @Override
  public void writeF64(int addr, double data) {
    int inChunk = addr & CHUNK_MASK;
    if (inChunk <= CHUNK_BYTES - 8) {
      try {
        DOUBLE.set(writable(addr >>> CHUNK_SHIFT), inChunk, data);
      } catch (RuntimeException e) {
        throw outOfBounds(e, addr, 8);
      }
    } else {
      writeAcross(addr, Double.doubleToRawLongBits(data), 8);
    }
  }

  /** A little-endian value of {@code bytes} bytes that straddles two chunks. */
  private long readAcross(int addr, int bytes) {
    checkBounds(addr, bytes, false);
    long value = 0;
    for (int i = 0; i < bytes; i++) {
      value |= (read(addr + i) & 0xFFL) << (8 * i);
    }
    return value;
  }

  private void writeAcross(int addr, long value, int bytes) {
    checkBounds(addr, bytes, false);
    for (int i = 0; i < bytes; i++) {
      writeByte(addr + i, (byte) (value >>> (8 * i)));
    }
  }

  @Override
  public void zero() {
    Arrays.fill(chunks, 0, pages * CHUNKS_PER_PAGE, ZEROS);
    ownedChunks = 0;
  }

  @Override
  public void fill(byte value, int fromIndex, int toIndex) {
    int addr = fromIndex;
    int size = toIndex - fromIndex;
    checkBounds(addr, size, false);
    while (size > 0) {
      int inChunk = addr & CHUNK_MASK;
      int length = Math.min(size, CHUNK_BYTES - inChunk);
      int index = addr >>> CHUNK_SHIFT;
      if (value != 0 || chunks[index] != ZEROS) {
        Arrays.fill(writable(index), inChunk, inChunk + length, value);
      }
      addr += length;
      size -= length;
    }
  }

  @Override
  public void copy(int dest, int src, int size) {
    checkBounds(dest, size, false);
    checkBounds(src, size, false);
    if (dest > src && dest < src + size) {
      copyBackward(dest, src, size);
    } else {
      copyForward(dest, src, size);
    }
  }

  private void copyForward(int dest, int src, int size) {
    while (size > 0) {
      int destInChunk = dest & CHUNK_MASK;
      int srcInChunk = src & CHUNK_MASK;
      int length = Math.min(size, CHUNK_BYTES - Math.max(destInChunk, srcInChunk));
      // The destination first: when it is the source's chunk, the copy reads the bytes it owns.
      byte[] to = writable(dest >>> CHUNK_SHIFT);
      System.arraycopy(chunks[src >>> CHUNK_SHIFT], srcInChunk, to, destInChunk, length);
      dest += length;
      src += length;
      size -= length;
    }
  }

  private void copyBackward(int dest, int src, int size) {
    dest += size;
    src += size;
    while (size > 0) {
      int destInChunk = dest & CHUNK_MASK;
      int srcInChunk = src & CHUNK_MASK;
      int destRoom = destInChunk == 0 ? CHUNK_BYTES : destInChunk;
      int srcRoom = srcInChunk == 0 ? CHUNK_BYTES : srcInChunk;
      int length = Math.min(size, Math.min(destRoom, srcRoom));
      dest -= length;
      src -= length;
      byte[] to = writable(dest >>> CHUNK_SHIFT);
      System.arraycopy(
          chunks[src >>> CHUNK_SHIFT], src & CHUNK_MASK, to, dest & CHUNK_MASK, length);
      size -= length;
    }
  }

  private void checkBounds(int addr, int size, boolean instantiating) {
    if (addr < 0 || size < 0 || (long) addr + size > sizeInBytes()) {
      String message =
          "out of bounds memory access: attempted to access address: "
              + addr
              + " but limit is: "
              + sizeInBytes()
              + " and size: "
              + size;
      throw instantiating
          ? new UninstantiableException(message)
          : new WasmRuntimeException(message);
    }
  }

  private WasmRuntimeException outOfBounds(int addr, int size) {
    return new WasmRuntimeException(
        "out of bounds memory access: attempted to access address: " + addr + " and size: " + size);
  }

  private RuntimeException outOfBounds(RuntimeException e, int addr, int size) {
    if (e instanceof IndexOutOfBoundsException || e instanceof NullPointerException) {
      return new WasmRuntimeException(
          "out of bounds memory access: attempted to access address: "
              + addr
              + " but limit is: "
              + sizeInBytes()
              + " and size: "
              + size);
    }
    return e;
  }
}
