package io.agentry.sandbox.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import run.endive.runtime.Memory;
import run.endive.runtime.WasmRuntimeException;
import run.endive.wasm.types.MemoryLimits;

class CopyOnWriteMemoryTest {

  private static final int PAGE = Memory.PAGE_SIZE;
  private static final int CHUNK = CopyOnWriteMemory.CHUNK_BYTES;

  @Test
  void anUntouchedMemoryReadsZerosAndHoldsNoBytesOfItsOwn() {
    CopyOnWriteMemory memory = memory(2, 4);

    assertEquals(0, memory.readLong(0));
    assertEquals(0, memory.readInt(2 * PAGE - 4));
    assertArrayEquals(new byte[100], memory.readBytes(PAGE - 50, 100));
    assertEquals(0, memory.ownedBytes());
  }

  @Test
  void everyKindOfWriteGetsAChunkOfItsOwnAndLeavesTheSharedZerosAlone() {
    CopyOnWriteMemory memory = memory(1, 1);

    memory.writeByte(1, (byte) 7);
    memory.writeShort(CHUNK + 2, (short) 0x1234);
    memory.writeI32(2 * CHUNK + 4, 0x12345678);
    memory.writeLong(3 * CHUNK + 8, 0x1122334455667788L);
    memory.writeF32(4 * CHUNK, 1.5f);
    memory.writeF64(5 * CHUNK, 2.5);
    memory.write(6 * CHUNK, new byte[] {1, 2, 3}, 0, 3);
    memory.fill((byte) 9, 7 * CHUNK, 7 * CHUNK + 10);
    memory.copy(8 * CHUNK, 6 * CHUNK, 3);

    assertEquals(7, memory.read(1));
    assertEquals(0x1234, memory.readShort(CHUNK + 2));
    assertEquals(0x12345678, memory.readInt(2 * CHUNK + 4));
    assertEquals(0x1122334455667788L, memory.readLong(3 * CHUNK + 8));
    assertEquals(1.5f, memory.readFloat(4 * CHUNK));
    assertEquals(2.5, memory.readDouble(5 * CHUNK));
    assertArrayEquals(new byte[] {1, 2, 3}, memory.readBytes(8 * CHUNK, 3));
    assertEquals(9, memory.read(7 * CHUNK + 9));
    assertEquals(9L * CHUNK, memory.ownedBytes());
    assertTrue(CopyOnWriteMemory.sharedZerosIntact());
    // A chunk nobody wrote still reads as zeros, from the shared chunk.
    assertEquals(0, memory.readLong(10 * CHUNK));
  }

  @Test
  void valuesThatStraddleTwoChunksAreLittleEndianAcrossThem() {
    CopyOnWriteMemory memory = memory(1, 1);

    memory.writeLong(CHUNK - 3, 0x0807060504030201L);
    memory.writeI32(2 * CHUNK - 1, 0xAABBCCDD);
    memory.writeShort(3 * CHUNK - 1, (short) 0x0102);

    assertEquals(0x0807060504030201L, memory.readLong(CHUNK - 3));
    assertArrayEquals(new byte[] {1, 2, 3}, memory.readBytes(CHUNK - 3, 3));
    assertEquals(4, memory.read(CHUNK));
    assertEquals(0xAABBCCDD, memory.readInt(2 * CHUNK - 1));
    assertEquals(0x0102, memory.readShort(3 * CHUNK - 1));
    assertEquals(Double.longBitsToDouble(0x0807060504030201L), memory.readDouble(CHUNK - 3));
  }

  @Test
  void overlappingCopiesMoveBytesAsIfThroughABuffer() {
    CopyOnWriteMemory memory = memory(1, 1);
    byte[] data = new byte[3 * CHUNK];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) (i * 31 + 7);
    }
    memory.write(100, data, 0, data.length);

    memory.copy(100 + CHUNK / 2, 100, data.length);
    assertArrayEquals(data, memory.readBytes(100 + CHUNK / 2, data.length));

    memory.copy(100, 100 + CHUNK / 2, data.length);
    assertArrayEquals(data, memory.readBytes(100, data.length));
  }

  @Test
  void accessesOutsideTheMemoryTrapAndGrowthMakesNewZeroPages() {
    CopyOnWriteMemory memory = memory(1, 2);

    assertThrows(WasmRuntimeException.class, () -> memory.read(PAGE));
    assertThrows(WasmRuntimeException.class, () -> memory.readInt(PAGE - 2));
    assertThrows(WasmRuntimeException.class, () -> memory.writeLong(PAGE, 1));
    assertThrows(WasmRuntimeException.class, () -> memory.readInt(-4));
    assertThrows(WasmRuntimeException.class, () -> memory.readBytes(PAGE - 1, 2));
    assertThrows(WasmRuntimeException.class, () -> memory.fill((byte) 1, PAGE - 1, PAGE + 1));
    assertThrows(WasmRuntimeException.class, () -> memory.copy(0, PAGE - 1, 2));

    assertEquals(1, memory.grow(1));
    assertEquals(-1, memory.grow(1));
    assertEquals(0, memory.readLong(2 * PAGE - 8));
    memory.writeLong(2 * PAGE - 8, -1);
    assertEquals(-1, memory.readLong(2 * PAGE - 8));
    assertThrows(WasmRuntimeException.class, () -> memory.read(2 * PAGE));
  }

  @Test
  void zeroForgetsEveryWrite() {
    CopyOnWriteMemory memory = memory(1, 1);
    memory.fill((byte) 0x5A, 0, PAGE);

    memory.zero();

    assertArrayEquals(new byte[PAGE], memory.readBytes(0, PAGE));
    assertEquals(0, memory.ownedBytes());
  }

  private static CopyOnWriteMemory memory(int initialPages, int maximumPages) {
    return new CopyOnWriteMemory(new MemoryLimits(initialPages, maximumPages));
  }
}
