package io.agentry.sandbox.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import run.endive.runtime.Memory;
import run.endive.runtime.WasmRuntimeException;
import run.endive.wasm.types.MemoryLimits;

class FlatMemoryTest {

  private static final int PAGE = Memory.PAGE_SIZE;

  @Test
  void aNewMemoryReadsZerosAndEveryWidthReadsBackWhatWasWritten() {
    FlatMemory memory = memory(2, 4);

    assertEquals(0, memory.readLong(0));
    assertArrayEquals(new byte[100], memory.readBytes(2 * PAGE - 100, 100));
    memory.writeByte(1, (byte) 7);
    memory.writeShort(10, (short) 0x1234);
    memory.writeI32(20, 0x12345678);
    memory.writeLong(PAGE - 4, 0x1122334455667788L);
    memory.writeF32(40, 1.5f);
    memory.writeF64(48, 2.5);
    memory.write(100, new byte[] {1, 2, 3}, 0, 3);
    memory.fill((byte) 9, 200, 210);
    memory.copy(300, 100, 3);

    assertEquals(7, memory.read(1));
    assertEquals(0x1234, memory.readU16(10));
    assertEquals(0x12345678, memory.readInt(20));
    assertEquals(0x1122334455667788L, memory.readLong(PAGE - 4));
    assertEquals(1.5f, memory.readFloat(40));
    assertEquals(2.5, memory.readDouble(48));
    assertArrayEquals(new byte[] {1, 2, 3}, memory.readBytes(300, 3));
    assertArrayEquals(new byte[] {9, 9, 9, 9, 9, 9, 9, 9, 9, 9}, memory.readBytes(200, 10));
  }

  @Test
  void anAccessPastTheEndTrapsLikeAnyOutOfBoundsAccess() {
    FlatMemory memory = memory(1, 2);

    assertThrows(WasmRuntimeException.class, () -> memory.readInt(PAGE - 3));
    assertThrows(WasmRuntimeException.class, () -> memory.writeLong(PAGE - 7, 1));
    assertThrows(WasmRuntimeException.class, () -> memory.read(-1));
    assertThrows(WasmRuntimeException.class, () -> memory.readBytes(PAGE - 1, 2));
    assertThrows(WasmRuntimeException.class, () -> memory.write(PAGE, new byte[1], 0, 1));
    assertThrows(WasmRuntimeException.class, () -> memory.fill((byte) 1, PAGE - 1, PAGE + 1));
    assertThrows(WasmRuntimeException.class, () -> memory.copy(0, PAGE - 1, 2));
  }

  @Test
  void growingKeepsTheBytesZeroesTheNewPagesAndStopsAtTheMaximum() {
    FlatMemory memory = memory(1, 3);
    memory.writeI32(PAGE - 4, 42);

    assertEquals(1, memory.grow(2));
    assertEquals(3, memory.pages());
    assertEquals(42, memory.readInt(PAGE - 4));
    assertArrayEquals(new byte[2 * PAGE], memory.readBytes(PAGE, 2 * PAGE));
    assertEquals(-1, memory.grow(1));
    assertEquals(3, memory.pages());
    assertThrows(WasmRuntimeException.class, () -> memory.readInt(3 * PAGE - 3));
  }

  @Test
  void aMemoryThatMayGrowPastTheFlatLimitIsRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new FlatMemory(new MemoryLimits(1, FlatMemory.MAX_PAGES + 1)));
  }

  @Test
  void beforeInstantiationZeroesItEveryAccessIsOutOfBounds() {
    FlatMemory memory = new FlatMemory(new MemoryLimits(1, 1));

    assertThrows(WasmRuntimeException.class, () -> memory.readInt(0));
    memory.zero();
    assertEquals(0, memory.readInt(PAGE - 4));
  }

  /** A memory as an instance gets it: made, then zeroed by {@code Instance.initialize}. */
  private static FlatMemory memory(int initialPages, int maximumPages) {
    FlatMemory memory = new FlatMemory(new MemoryLimits(initialPages, maximumPages));
    memory.zero();
    return memory;
  }
}
