package io.agentry.sandbox;

import com.dylibso.chicory.wabt.Wat2Wasm;

/** Small WASI command modules, written in WAT, that each show one behaviour of the sandbox. */
public final class TestAgents {

  private static final String WASI =
      """
      (import "wasi_snapshot_preview1" "fd_read" (func $fd_read (param i32 i32 i32 i32) (result i32)))
      (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
      (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
      (import "wasi_snapshot_preview1" "args_sizes_get" (func $args_sizes_get (param i32 i32) (result i32)))
      (import "wasi_snapshot_preview1" "args_get" (func $args_get (param i32 i32) (result i32)))
      (import "wasi_snapshot_preview1" "environ_sizes_get" (func $environ_sizes_get (param i32 i32) (result i32)))
      (import "wasi_snapshot_preview1" "environ_get" (func $environ_get (param i32 i32) (result i32)))
      """;

  /** Copies stdin to stdout with ASCII letters upper-cased. */
  public static final String UPPERCASE =
      module(
          1,
          """
          (func (export "_start") (local $n i32) (local $i i32) (local $c i32)
            (block $eof
              (loop $next
                ;; one iovec at 0: 4096 bytes at 1024
                (i32.store (i32.const 0) (i32.const 1024))
                (i32.store (i32.const 4) (i32.const 4096))
                (br_if $eof (call $fd_read (i32.const 0) (i32.const 0) (i32.const 1) (i32.const 8)))
                (local.set $n (i32.load (i32.const 8)))
                (br_if $eof (i32.eqz (local.get $n)))
                (local.set $i (i32.const 0))
                (block $converted
                  (loop $char
                    (br_if $converted (i32.ge_u (local.get $i) (local.get $n)))
                    (local.set $c (i32.load8_u (i32.add (i32.const 1024) (local.get $i))))
                    (if (i32.and (i32.ge_u (local.get $c) (i32.const 97))
                                 (i32.le_u (local.get $c) (i32.const 122)))
                      (then (i32.store8 (i32.add (i32.const 1024) (local.get $i))
                                        (i32.sub (local.get $c) (i32.const 32)))))
                    (local.set $i (i32.add (local.get $i) (i32.const 1)))
                    (br $char)))
                (i32.store (i32.const 16) (i32.const 1024))
                (i32.store (i32.const 20) (local.get $n))
                (drop (call $fd_write (i32.const 1) (i32.const 16) (i32.const 1) (i32.const 24)))
                (br $next))))
          """);

  /** Writes its argv buffer (NUL-terminated strings) to stdout and its environ buffer to stderr. */
  public static final String ARGS_AND_ENV =
      module(
          1,
          """
          (func (export "_start")
            (drop (call $args_sizes_get (i32.const 0) (i32.const 4)))
            (drop (call $args_get (i32.const 64) (i32.const 1024)))
            (i32.store (i32.const 16) (i32.const 1024))
            (i32.store (i32.const 20) (i32.load (i32.const 4)))
            (drop (call $fd_write (i32.const 1) (i32.const 16) (i32.const 1) (i32.const 24)))
            (drop (call $environ_sizes_get (i32.const 0) (i32.const 4)))
            (drop (call $environ_get (i32.const 512) (i32.const 8192)))
            (i32.store (i32.const 16) (i32.const 8192))
            (i32.store (i32.const 20) (i32.load (i32.const 4)))
            (drop (call $fd_write (i32.const 2) (i32.const 16) (i32.const 1) (i32.const 24))))
          """);

  /** Calls {@code proc_exit(code)}. */
  public static String exitWith(int code) {
    return module(1, "(func (export \"_start\") (call $proc_exit (i32.const " + code + ")))");
  }

  /** Never ends. */
  public static final String INFINITE_LOOP =
      module(1, "(func (export \"_start\") (loop $forever (br $forever)))");

  /**
   * Keeps its thread busy until {@code millis} have passed on the monotonic clock, then writes
   * {@code done} and returns: a task that takes a known while and then succeeds.
   */
  public static String busyFor(int millis) {
    return "(module\n"
        + WASI
        + """
          (import "wasi_snapshot_preview1" "clock_time_get"
            (func $clock_time_get (param i32 i64 i32) (result i32)))
          (memory (export "memory") 1)
          (data (i32.const 1024) "done")
          (func $now (result i64)
            (drop (call $clock_time_get (i32.const 1) (i64.const 1) (i32.const 0)))
            (i64.load (i32.const 0)))
          (func (export "_start") (local $end i64)
            (local.set $end (i64.add (call $now) (i64.const NANOS)))
            (loop $spin (br_if $spin (i64.lt_u (call $now) (local.get $end))))
            (i32.store (i32.const 16) (i32.const 1024))
            (i32.store (i32.const 20) (i32.const 4))
            (drop (call $fd_write (i32.const 1) (i32.const 16) (i32.const 1) (i32.const 24)))))
          """
            .replace("NANOS", Long.toString(millis * 1_000_000L));
  }

  /** Calls itself until the call stack runs out. */
  public static final String UNBOUNDED_RECURSION =
      module(
          1,
          """
          (func $deeper (call $deeper))
          (func (export "_start") (call $deeper))
          """);

  /** Traps at once. */
  public static final String UNREACHABLE = module(1, "(func (export \"_start\") unreachable)");

  /** Writes a 64-byte line 100 times to stdout: 6400 bytes. */
  public static final String FLOOD = flood(100);

  /** Writes the 64-byte {@link #FLOOD_LINE} {@code lines} times to stdout. */
  public static String flood(int lines) {
    return module(
        1,
        """
        (data (i32.const 1024) "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")
        (func (export "_start") (local $i i32)
          (i32.store (i32.const 0) (i32.const 1024))
          (i32.store (i32.const 4) (i32.const 64))
          (loop $again
            (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br_if $again (i32.lt_u (local.get $i) (i32.const LINES)))))
        """
            .replace("LINES", Integer.toString(lines)));
  }

  /** The 64-byte line that {@link #FLOOD} repeats. */
  public static final String FLOOD_LINE =
      "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

  /**
   * Starts with 1 page, grows by 15 (exit 2 if refused), then by 1 more: exits 42 when that grow
   * returns -1, 3 when it succeeds.
   */
  public static final String GROW_TO_SIXTEEN_PAGES_THEN_ONE_MORE =
      module(
          1,
          """
          (func (export "_start")
            (if (i32.ne (memory.grow (i32.const 15)) (i32.const 1))
              (then (call $proc_exit (i32.const 2))))
            (if (i32.ne (memory.grow (i32.const 1)) (i32.const -1))
              (then (call $proc_exit (i32.const 3))))
            (call $proc_exit (i32.const 42)))
          """);

  /** Grows its memory a page at a time until refused, then traps, as an allocator that gives up. */
  public static final String MEMORY_BOMB =
      module(
          1,
          """
          (func (export "_start")
            (loop $more
              (br_if $more (i32.ne (memory.grow (i32.const 1)) (i32.const -1))))
            unreachable)
          """);

  /** Declares 32 pages (2 MiB) of initial memory and writes to stdout when it runs. */
  public static final String THIRTY_TWO_PAGES =
      module(
          32,
          """
          (data (i32.const 1024) "ran")
          (func (export "_start")
            (i32.store (i32.const 0) (i32.const 1024))
            (i32.store (i32.const 4) (i32.const 3))
            (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8))))
          """);

  /**
   * Waits in {@code poll_oneoff} for a relative monotonic-clock subscription of one hour: a run
   * blocked in a host call rather than in its own code. Exits 7 if the wait ever returns.
   */
  public static final String SLEEPS_FOR_AN_HOUR =
      "(module\n"
          + WASI
          + """
            (import "wasi_snapshot_preview1" "poll_oneoff"
              (func $poll_oneoff (param i32 i32 i32 i32) (result i32)))
            (memory (export "memory") 1)
            (func (export "_start")
              ;; one 48-byte subscription at 0: tag 0 (clock), clock id 1 (monotonic),
              ;; timeout 3600 s in ns, relative; the event goes to 64, the count to 128
              (i32.store8 (i32.const 8) (i32.const 0))
              (i32.store (i32.const 16) (i32.const 1))
              (i64.store (i32.const 24) (i64.const 3600000000000))
              (i64.store (i32.const 32) (i64.const 0))
              (i32.store16 (i32.const 40) (i32.const 0))
              (drop (call $poll_oneoff (i32.const 0) (i32.const 64) (i32.const 1) (i32.const 128)))
              (call $proc_exit (i32.const 7))))
            """;

  /**
   * One user's agent with a secret: reads stdin (the secret) to 1024, fills the rest of its 2 pages
   * with 0x5A, grows by 2 pages and fills those too, then copies the secret to every 4 KiB of its
   * memory, by {@code memory.copy} and by a second {@code fd_read} of nothing. Traps at the end
   * when {@code trap} is set, so that a run that fails leaves the same memory behind.
   */
  public static String secretWriter(boolean trap) {
    return module(
        2,
        """
        (func (export "_start") (local $n i32) (local $at i32)
          (i32.store (i32.const 0) (i32.const 1024))
          (i32.store (i32.const 4) (i32.const 512))
          (drop (call $fd_read (i32.const 0) (i32.const 0) (i32.const 1) (i32.const 8)))
          (local.set $n (i32.load (i32.const 8)))
          (memory.fill (i32.const 2048) (i32.const 0x5A) (i32.const 129024))
          (drop (memory.grow (i32.const 2)))
          (memory.fill (i32.const 131072) (i32.const 0x5A) (i32.const 131072))
          (local.set $at (i32.const 4096))
          (loop $copy
            (memory.copy (i32.add (local.get $at) (i32.const 100)) (i32.const 1024) (local.get $n))
            (i64.store (i32.add (local.get $at) (i32.const 8)) (i64.const 0x5345435245545F5F))
            (local.set $at (i32.add (local.get $at) (i32.const 4096)))
            (br_if $copy (i32.lt_u (local.get $at) (i32.const 258048))))
        """
            + (trap ? "unreachable)" : ")"));
  }

  /**
   * Another user's agent that looks for what an earlier run left: grows to the writer's 4 pages,
   * writes a zero byte into every KiB, and writes "clean" when every byte of its memory from 64 on
   * is zero, else the address of the first byte that is not and exits 1.
   */
  public static final String LEFTOVER_READER =
      module(
          2,
          """
          (func (export "_start") (local $at i32) (local $end i32)
            (drop (memory.grow (i32.const 2)))
            (local.set $end (i32.mul (memory.size) (i32.const 65536)))
            ;; a zero written into every KiB first: memory that is only handed out for writing
            ;; shows what it held before then
            (local.set $at (i32.const 1023))
            (loop $touch
              (i32.store8 (local.get $at) (i32.const 0))
              (local.set $at (i32.add (local.get $at) (i32.const 1024)))
              (br_if $touch (i32.lt_u (local.get $at) (local.get $end))))
            (local.set $at (i32.const 64))
            (block $done
              (loop $scan
                (br_if $done (i32.ge_u (local.get $at) (local.get $end)))
                (if (i32.load8_u (local.get $at))
                  (then
                    (i32.store (i32.const 0) (i32.const 16))
                    (i32.store (i32.const 4) (i32.const 4))
                    (i32.store (i32.const 16) (local.get $at))
                    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))
                    (call $proc_exit (i32.const 1))))
                (local.set $at (i32.add (local.get $at) (i32.const 1)))
                (br $scan)))
            (i32.store (i32.const 0) (i32.const 32))
            (i32.store (i32.const 4) (i32.const 5))
            (i64.store (i32.const 32) (i64.const 0x6E61656C63))
            (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8))))
          """);

  /** Needs a host function that WASI does not provide. */
  public static final String UNKNOWN_IMPORT =
      """
      (module
        (import "env" "launch_missiles" (func $launch))
        (memory (export "memory") 1)
        (func (export "_start") (call $launch)))
      """;

  /** A valid module without {@code _start}: a library, not a command. */
  public static final String NO_START =
      "(module (memory (export \"memory\") 1) (func (export \"main\")))";

  private TestAgents() {}

  /** The module's bytes. */
  public static byte[] wasm(String wat) {
    return Wat2Wasm.parse(wat);
  }

  private static String module(int pages, String body) {
    return "(module\n" + WASI + "(memory (export \"memory\") " + pages + ")\n" + body + ")\n";
  }
}
