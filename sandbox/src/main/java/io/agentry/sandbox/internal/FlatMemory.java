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
 * A run's linear memory as one array of exactly its size: every access is one bounds-checked array
 * access, where {@link CopyOnWriteMemory} looks up a chunk first. Compiled code that works on its
 * memory (hashing, parsing) runs about a quarter faster on it, but making it allocates and zeroes
 * the whole memory, which a tiny task would feel: a module gets it for all its runs when its
 * initial memory is small ({@code PreparedModule.flatMemory}). Growing copies the array, so for a
 * moment the run holds its old and its new size; {@link MemoryCap} uses it only while that stays
 * small ({@link #MAX_PAGES}). A new array is all zeros, so no byte of an earlier run can be in it.
 * Not shared between threads.
 */
public final class FlatMemory implements Memory {

  /** The largest memory (64 MiB) that a run may have as one array. */
  public static final int MAX_PAGES = 1024;

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
  private byte[] bytes;
  private int pages;
  private DataSegment[] dataSegments;

  /**
   * @param limits the memory's limits; not shared, and a maximum of at most {@link #MAX_PAGES}
   */
  public FlatMemory(MemoryLimits limits) {
    if (limits.shared() || limits.maximumPages() > MAX_PAGES) {
      throw new IllegalArgumentException(
          "a flat memory is not shared and at most " + MAX_PAGES + " pages: " + limits);
    }
    this.initialPages = limits.initialPages();
    this.maximumPages = limits.maximumPages();
    this.pages = initialPages;
    // Made by zero(), which Instance.initialize calls first: a new array is zero, so zeroing it
    // again would cost as much once more. Until then every access is out of bounds.
    this.bytes = new byte[0];
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
    if (size > 0) {
      bytes = Arrays.copyOf(bytes, wanted * PAGE_SIZE);
    }
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
      throw outOfBounds(addr, size);
    }
    checkBounds(addr, size, false);
    System.arraycopy(data, offset, bytes, addr, size);
  }

  @Override
  public byte[] readBytes(int addr, int len) {
    checkBounds(addr, len, false);
    return Arrays.copyOfRange(bytes, addr, addr + len);
  }

  @Override
  public byte read(int addr) {
    try {
      return bytes[addr];
    } catch (RuntimeException e) {
      throw outOfBounds(e, addr, 1);
    }
  }

  @Override
  public void writeByte(int addr, byte data) {
    try {
      bytes[addr] = data;
    } catch (RuntimeException e) {
      throw outOfBounds(e, addr, 1);
    }
  }

  @Override
  public short readShort(int addr) {
    try {
      return (short) SHORT.get(bytes, addr);
    } catch (RuntimeException e) {
      throw outOfBounds(e, addr, 2);
    }
  }

  @Override
  public void writeShort(int addr, short data) {
    try {
      SHORT.set(bytes, addr, data);
    } catch (RuntimeException e) {
      throw outOfBounds(e, addr, 2);
    }
  }

  @Override
  public long readU16(int addr) {
    return readShort(addr) & 0xFFFFL;
  }

  @Override
  public int readInt(int addr) {
    try {
      return (int) INT.get(bytes, addr);
    } catch (RuntimeException e) {
      throw outOfBounds(e, addr, 4);
    }
  }

  @Override
  public void writeI32(int addr, int data) {
    try {
      INT.set(bytes, addr, data);
    } catch (RuntimeException e) {
      throw outOfBounds(e, addr, 4);
    }
  }

  @Override
  public long readLong(int addr) {
    try {
      return (long) LONG.get(bytes, addr);
    } catch (RuntimeException e) {
      throw outOfBounds(e, addr, 8);
    }
  }

  @Override
  public void writeLong(int addr, long data) {
    try {
      LONG.set(bytes, addr, data);
    } catch (RuntimeException e) {
      throw outOfBounds(e, addr, 8);
    }
  }

  @Override
  public float readFloat(int addr) {
    try {
      return (float) FLOAT.get(bytes, addr);
    } catch (RuntimeException e) {
      throw outOfBounds(e, addr, 4);
    }
  }

  @Override
  public long readF32(int addr) {
    return readInt(addr);
  }

  @Override
  public void writeF32(int addr, float data) {
    try {
      FLOAT.set(bytes, addr, data);
    } catch (RuntimeException e) {
      throw outOfBounds(e, addr, 4);
    }
  }

  @Override
  public double readDouble(int addr) {
    try {
      return (double) DOUBLE.get(bytes, addr);
    } catch (RuntimeException e) {
      throw outOfBounds(e, addr, 8);
    }
  }

  @Override
  public long readF64(int addr) {
    return readLong(addr);
  }

  @Override
  public void writeF64(int addr, double data) {
    try {
      DOUBLE.set(bytes, addr, data);
    } catch (RuntimeException e) {
      throw outOfBounds(e, addr, 8);
    }
  }

  /** Gives the memory a new array of its size: all zeros, nothing of any earlier bytes. */
  @Override
  public void zero() {
    bytes = new byte[pages * PAGE_SIZE];
  }

  @Override
  public void fill(byte value, int fromIndex, int toIndex) {
    checkBounds(fromIndex, toIndex - fromIndex, false);
    Arrays.fill(bytes, fromIndex, toIndex, value);
  }

  @Override
  public void copy(int dest, int src, int size) {
    checkBounds(dest, size, false);
    checkBounds(src, size, false);
    System.arraycopy(bytes, src, bytes, dest, size);
  }

  private int sizeInBytes() {
    return pages * PAGE_SIZE;
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

  private static WasmRuntimeException outOfBounds(int addr, int size) {
    return new WasmRuntimeException(
        "out of bounds memory access: attempted to access address: " + addr + " and size: " + size);
  }

  private RuntimeException outOfBounds(RuntimeException e, int addr, int size) {
    if (e instanceof IndexOutOfBoundsException) {
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
