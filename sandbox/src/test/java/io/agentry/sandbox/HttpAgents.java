package io.agentry.sandbox;

import com.dylibso.chicory.wabt.Wat2Wasm;

/**
 * Agents, in WAT, that use the outbound HTTP calls of the {@code agentry} module. Each reads its
 * request JSON from stdin.
 */
public final class HttpAgents {

  private static final String IMPORTS =
      """
      (import "wasi_snapshot_preview1" "fd_read" (func $fd_read (param i32 i32 i32 i32) (result i32)))
      (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
      (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
      (import "agentry" "http_request" (func $http_request (param i32 i32 i32 i32 i32) (result i32)))
      (import "agentry" "http_read" (func $http_read (param i32 i32 i32) (result i32)))
      (import "agentry" "http_header" (func $http_header (param i32 i32 i32 i32 i32) (result i32)))
      (memory (export "memory") 3)
      (data (i32.const 256) "content-type")
      ;; stdin (the request JSON) goes to 4096 (at most 60 KiB); its length is at 8.
      (func $read_stdin (local $n i32)
        (i32.store (i32.const 0) (i32.const 4096))
        (i32.store (i32.const 4) (i32.const 61440))
        (drop (call $fd_read (i32.const 0) (i32.const 0) (i32.const 1) (i32.const 8))))
      (func $write (param $fd i32) (param $ptr i32) (param $len i32)
        (i32.store (i32.const 16) (local.get $ptr))
        (i32.store (i32.const 20) (local.get $len))
        (drop (call $fd_write (local.get $fd) (i32.const 16) (i32.const 1) (i32.const 24))))
      ;; sends the request of stdin; exits with its code unless 0; the 12 bytes go to 64
      (func $request
        (local $code i32)
        (local.set $code
          (call $http_request (i32.const 4096) (i32.load (i32.const 8)) (i32.const 0) (i32.const 0)
            (i32.const 64)))
        (if (local.get $code) (then (call $proc_exit (local.get $code)))))
      ;; copies the body of the response at 64 to stdout; exits 50 when http_read answers -1
      (func $copy_body (local $n i32)
        (block $end
          (loop $more
            (local.set $n (call $http_read (i32.load (i32.const 72)) (i32.const 65536) (i32.const 65536)))
            (if (i32.eq (local.get $n) (i32.const -1)) (then (call $proc_exit (i32.const 50))))
            (br_if $end (i32.eqz (local.get $n)))
            (call $write (i32.const 1) (i32.const 65536) (local.get $n))
            (br $more))))
      """;

  /**
   * Sends the request read from stdin and copies the response body to stdout; on stderr: the 12
   * bytes {@code http_request} wrote (status, length, handle) and the {@code Content-Type}. Exits
   * with {@code http_request}'s code when it is not 0, 50 when {@code http_read} answers -1.
   */
  public static final String FETCH =
      module(
          """
          (func (export "_start") (local $len i32)
            (call $read_stdin)
            (call $request)
            (call $write (i32.const 2) (i32.const 64) (i32.const 12))
            (local.set $len
              (call $http_header (i32.load (i32.const 72)) (i32.const 256) (i32.const 12)
                (i32.const 512) (i32.const 256)))
            (if (i32.gt_s (local.get $len) (i32.const 0))
              (then (call $write (i32.const 2) (i32.const 512) (local.get $len))))
            (call $copy_body))
          """);

  /**
   * Sends the request of stdin again and again, reading each body to its end, and exits with the
   * first code that is not 0.
   */
  public static final String FLOOD =
      module(
          """
          (func (export "_start")
            (call $read_stdin)
            (loop $again
              (call $request)
              (call $copy_body)
              (br $again)))
          """);

  /**
   * Sends the request of stdin again and again without reading any body, and exits with the first
   * code that is not 0.
   */
  public static final String HOLD =
      module(
          """
          (func (export "_start")
            (call $read_stdin)
            (loop $again
              (call $request)
              (br $again)))
          """);

  /** Calls {@code http_request} with a request pointer past its 3 pages; exits with the code. */
  public static final String POINTER_OUTSIDE_MEMORY =
      module(
          """
          (func (export "_start")
            (call $proc_exit
              (call $http_request (i32.const 196600) (i32.const 100) (i32.const 0) (i32.const 0)
                (i32.const 64))))
          """);

  /** Calls {@code http_read} with a capacity past its memory; exits with the answer's negation. */
  public static final String READ_OUTSIDE_MEMORY =
      module(
          """
          (func (export "_start")
            (call $proc_exit
              (i32.sub (i32.const 0)
                (call $http_read (i32.const 1) (i32.const 65536) (i32.const -1)))))
          """);

  private HttpAgents() {}

  /** The module's bytes. */
  public static byte[] wasm(String wat) {
    return Wat2Wasm.parse(wat);
  }

  private static String module(String body) {
    return "(module\n" + IMPORTS + body + ")\n";
  }
}
