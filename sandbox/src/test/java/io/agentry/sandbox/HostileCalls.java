package io.agentry.sandbox;

import com.dylibso.chicory.wabt.Wat2Wasm;

/**
 * Modules that pass a host call arguments sized to hurt the host, then exit with the call's errno
 * (0 when it succeeded).
 */
final class HostileCalls {

  private HostileCalls() {}

  /** {@code fd_read(0, [iovec {16, length}], nread at 8)}. */
  static byte[] fdReadIovec(int length) {
    return iovecCall("fd_read", 0, length, "");
  }

  /** {@code fd_write(1, [iovec {base, length}])}. */
  static byte[] fdWriteIovec(int base, int length) {
    return Wat2Wasm.parse(
        """
        (module
          (import "wasi_snapshot_preview1" "fd_write"
            (func $call (param i32 i32 i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
          (memory (export "memory") 16)
          (func (export "_start")
            (i32.store (i32.const 0) (i32.const BASE))
            (i32.store (i32.const 4) (i32.const LENGTH))
            (call $exit (call $call (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))))
        """
            .replace("BASE", Integer.toString(base))
            .replace("LENGTH", Integer.toString(length)));
  }

  /** {@code fd_pread(0, [iovec {16, length}], offset 0, nread at 8)}. */
  static byte[] fdPreadIovec(int length) {
    return iovecCall("fd_pread", 0, length, "(i64.const 0)");
  }

  /** {@code fd_pwrite(1, [iovec {16, length}], offset 0, nwritten at 8)}. */
  static byte[] fdPwriteIovec(int length) {
    return iovecCall("fd_pwrite", 1, length, "(i64.const 0)");
  }

  /** {@code random_get(16, length)}. */
  static byte[] randomGet(int length) {
    return Wat2Wasm.parse(
        """
        (module
          (import "wasi_snapshot_preview1" "random_get" (func $call (param i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
          (memory (export "memory") 1)
          (func (export "_start") (call $exit (call $call (i32.const 16) (i32.const LENGTH)))))
        """
            .replace("LENGTH", Integer.toString(length)));
  }

  /** {@code poll_oneoff(0, 0, subscriptions, 8)} on one page. */
  static byte[] pollOneoff(int subscriptions) {
    return Wat2Wasm.parse(
        """
        (module
          (import "wasi_snapshot_preview1" "poll_oneoff"
            (func $call (param i32 i32 i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
          (memory (export "memory") 1)
          (func (export "_start")
            (call $exit (call $call (i32.const 0) (i32.const 0) (i32.const N) (i32.const 8)))))
        """
            .replace("N", Integer.toString(subscriptions)));
  }

  /** {@code path_open(fd, 0, path 16, length, ...)}. */
  static byte[] pathOpen(int fd, int length) {
    return Wat2Wasm.parse(
        """
        (module
          (import "wasi_snapshot_preview1" "path_open"
            (func $call (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
          (memory (export "memory") 1)
          (func (export "_start")
            (call $exit (call $call (i32.const FD) (i32.const 0) (i32.const 16) (i32.const LENGTH)
              (i32.const 0) (i64.const 0) (i64.const 0) (i32.const 0) (i32.const 8)))))
        """
            .replace("FD", Integer.toString(fd))
            .replace("LENGTH", Integer.toString(length)));
  }

  private static byte[] iovecCall(String name, int fd, int length, String offset) {
    String params = offset.isEmpty() ? "i32 i32 i32 i32" : "i32 i32 i32 i64 i32";
    return Wat2Wasm.parse(
        """
        (module
          (import "wasi_snapshot_preview1" "NAME" (func $call (param PARAMS) (result i32)))
          (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
          (memory (export "memory") 1)
          (func (export "_start")
            (i32.store (i32.const 0) (i32.const 16))
            (i32.store (i32.const 4) (i32.const LENGTH))
            (call $exit (call $call (i32.const FD) (i32.const 0) (i32.const 1) OFFSET (i32.const 8)))))
        """
            .replace("NAME", name)
            .replace("PARAMS", params)
            .replace("FD", Integer.toString(fd))
            .replace("LENGTH", Integer.toString(length))
            .replace("OFFSET", offset));
  }
}
