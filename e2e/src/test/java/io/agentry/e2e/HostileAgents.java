package io.agentry.e2e;

import com.dylibso.chicory.wabt.Wat2Wasm;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Modules a hostile author uploads, each attacking one limit of the agent ABI (docs/contract.md
 * section 4): time, memory, output, the call stack, the instruction set, the declared memory, the
 * imports and a host call that blocks.
 */
final class HostileAgents {

  /** The size of one write of the output floods: 64 KiB. */
  static final int FLOOD_CHUNK = 64 * 1024;

  private static final String WASI =
      """
      (import "wasi_snapshot_preview1" "fd_write"
        (func $fd_write (param i32 i32 i32 i32) (result i32)))
      (import "wasi_snapshot_preview1" "poll_oneoff"
        (func $poll_oneoff (param i32 i32 i32 i32) (result i32)))
      """;

  private HostileAgents() {}

  /** Grows its memory a MiB at a time, touching each new MiB, until refused; then traps. */
  static byte[] memoryBomb() {
    return module(
        1,
        """
        (func (export "_start") (local $previous i32)
          (loop $more
            (local.set $previous (memory.grow (i32.const 16)))
            (if (i32.eq (local.get $previous) (i32.const -1)) (then unreachable))
            (i32.store8 (i32.mul (local.get $previous) (i32.const 65536)) (i32.const 1))
            (br $more)))
        """);
  }

  /**
   * Writes the same 64 KiB chunk to stdout and to stderr {@code chunks} times, then returns. Byte
   * {@code i} of the chunk is {@link #floodByte(int) floodByte(i)}.
   */
  static byte[] outputFlood(int chunks) {
    return flood("(br_if $again (i32.lt_u (local.get $i) (i32.const " + chunks + ")))");
  }

  /** Writes the flood chunk to stdout and stderr for as long as it is let run. */
  static byte[] endlessOutputFlood() {
    return flood("(br $again)");
  }

  /** Byte {@code i} of every flood chunk. */
  static byte floodByte(int i) {
    return (byte) ('a' + (i % FLOOD_CHUNK) % 26);
  }

  /** Calls itself, with an argument, until the call stack runs out. */
  static byte[] deepRecursion() {
    return module(
        1,
        """
        (func $deeper (param $depth i64)
          (call $deeper (i64.add (local.get $depth) (i64.const 1))))
        (func (export "_start") (call $deeper (i64.const 0)))
        """);
  }

  /** Divides by a zero it reads from memory, which traps. */
  static byte[] divideByZero() {
    return module(
        1,
        """
        (func (export "_start")
          (drop (i32.div_s (i32.const 1) (i32.load (i32.const 0)))))
        """);
  }

  /** Declares {@code pages} pages of initial memory (65536 = 4 GiB, all a 32-bit memory holds). */
  static byte[] hugeDeclaredMemory(int pages) {
    return module(pages, "(func (export \"_start\") (i32.store (i32.const 0) (i32.const 1)))");
  }

  /** Calls a host function from module {@code env}, which WASI does not provide. */
  static byte[] importOutsideWasi() {
    return Wat2Wasm.parse(
        """
        (module
          (import "env" "launch_missiles" (func $launch))
          (memory (export "memory") 1)
          (func (export "_start") (call $launch)))
        """);
  }

  /**
   * Waits in {@code poll_oneoff} on a relative monotonic-clock subscription of one hour: blocked in
   * a host call, not in its own code. Traps if the wait ever returns.
   */
  static byte[] blockedInPollOneoff() {
    return module(
        1,
        """
        (func (export "_start")
          ;; one 48-byte subscription at 0: tag 0 (clock) at 8, clock id 1 (monotonic) at 16,
          ;; timeout (ns) at 24, precision at 32, flags 0 (relative) at 40
          (i32.store8 (i32.const 8) (i32.const 0))
          (i32.store (i32.const 16) (i32.const 1))
          (i64.store (i32.const 24) (i64.const 3600000000000))
          (i64.store (i32.const 32) (i64.const 0))
          (i32.store16 (i32.const 40) (i32.const 0))
          (drop (call $poll_oneoff (i32.const 0) (i32.const 64) (i32.const 1) (i32.const 128)))
          unreachable)
        """);
  }

  /**
   * Reads stdin into one iovec of {@code length} bytes at 16 (0x7ffffff0 made the host allocate 2
   * GiB), then exits with the call's errno.
   */
  static byte[] fdReadHugeIovec(int length) {
    return Wat2Wasm.parse(
        """
        (module
          (import "wasi_snapshot_preview1" "fd_read"
            (func $fd_read (param i32 i32 i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
          (memory (export "memory") 1)
          (func (export "_start")
            (i32.store (i32.const 0) (i32.const 16))
            (i32.store (i32.const 4) (i32.const LENGTH))
            (call $exit (call $fd_read (i32.const 0) (i32.const 0) (i32.const 1) (i32.const 8)))))
        """
            .replace("LENGTH", Integer.toString(length)));
  }

  /** Four memories, each grown by 15 MiB: 60 MiB under a 16 MiB limit, had it run. */
  static byte[] fourMemories() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00});
    out.writeBytes(new byte[] {0x01, 0x04, 0x01, 0x60, 0x00, 0x00});
    out.writeBytes(new byte[] {0x03, 0x02, 0x01, 0x00});
    out.writeBytes(new byte[] {0x05, 0x09, 0x04, 0, 1, 0, 1, 0, 1, 0, 1});
    byte[] exports =
        "\u0002\u0006_start\u0000\u0000\u0006memory\u0002\u0000"
            .getBytes(StandardCharsets.US_ASCII);
    out.write(0x07);
    out.write(exports.length);
    out.writeBytes(exports);
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(0x00);
    for (int memory = 0; memory < 4; memory++) {
      body.writeBytes(new byte[] {0x41, (byte) 0xF0, 0x01, 0x40, (byte) memory, 0x1A});
    }
    body.write(0x0B);
    out.write(0x0A);
    out.write(body.size() + 2);
    out.write(0x01);
    out.write(body.size());
    out.writeBytes(body.toByteArray());
    return out.toByteArray();
  }

  /** A table of 10,000,000 entries: about 100 MiB of host heap, had it run. */
  static byte[] hugeTable() {
    return module(1, "(table 10000000 funcref) (func (export \"_start\"))");
  }

  /** The header of a WebAssembly component (layer 1, version 0x0d), as cargo-component makes. */
  static byte[] component() {
    return new byte[] {0x00, 0x61, 0x73, 0x6D, 0x0D, 0x00, 0x01, 0x00};
  }

  /**
   * The flood: fills a 64 KiB chunk at 65536, then loops writing it; {@code next} ends the loop.
   */
  private static byte[] flood(String next) {
    return module(
        2,
        """
        (func (export "_start") (local $i i32)
          (loop $fill
            (i32.store8
              (i32.add (i32.const 65536) (local.get $i))
              (i32.add (i32.const 97) (i32.rem_u (local.get $i) (i32.const 26))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br_if $fill (i32.lt_u (local.get $i) (i32.const 65536))))
          ;; one iovec at 0: the chunk; bytes written at 8
          (i32.store (i32.const 0) (i32.const 65536))
          (i32.store (i32.const 4) (i32.const 65536))
          (local.set $i (i32.const 0))
          (loop $again
            (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))
            (drop (call $fd_write (i32.const 2) (i32.const 0) (i32.const 1) (i32.const 8)))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            NEXT))
        """
            .replace("NEXT", next));
  }

  private static byte[] module(int pages, String body) {
    return Wat2Wasm.parse(
        "(module\n" + WASI + "(memory (export \"memory\") " + pages + ")\n" + body + ")\n");
  }
}
