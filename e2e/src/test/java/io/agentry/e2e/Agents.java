package io.agentry.e2e;

import com.dylibso.chicory.wabt.Wat2Wasm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The modules the end-to-end tests upload: the committed samples and a few built from WAT. */
final class Agents {

  private Agents() {}

  /** A committed sample agent, e.g. {@code sample("wordcount")}. */
  static byte[] sample(String name) {
    Path module = Path.of("..", "samples", name, name + ".wasm");
    try {
      return Files.readAllBytes(module);
    } catch (IOException e) {
      throw new UncheckedIOException("the sample " + module + " is missing", e);
    }
  }

  /** The committed sample that fetches the URL on its stdin ({@code samples/http-fetch}). */
  static byte[] httpFetch() {
    Path module = Path.of("..", "samples", "http-fetch", "fetch.wasm");
    try {
      return Files.readAllBytes(module);
    } catch (IOException e) {
      throw new UncheckedIOException("the sample " + module + " is missing", e);
    }
  }

  /** Exits with the given code through {@code proc_exit}. */
  static byte[] exitWith(int code) {
    return Wat2Wasm.parse(
        """
        (module
          (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
          (memory (export "memory") 1)
          (func (export "_start") (call $exit (i32.const %d))))
        """
            .formatted(code));
  }

  /** Traps at once. */
  static byte[] trap() {
    return Wat2Wasm.parse(
        """
        (module
          (memory (export "memory") 1)
          (func (export "_start") unreachable))
        """);
  }

  /** Never ends by itself. */
  static byte[] forever() {
    return Wat2Wasm.parse(
        """
        (module
          (memory (export "memory") 1)
          (func (export "_start") (loop $again (br $again))))
        """);
  }

  /** Counts down from the given number and returns: CPU work that ends. */
  static byte[] spin(long iterations) {
    return Wat2Wasm.parse(
        """
        (module
          (memory (export "memory") 1)
          (func (export "_start")
            (local $n i64)
            (local.set $n (i64.const %d))
            (block $done
              (loop $again
                (br_if $done (i64.eqz (local.get $n)))
                (local.set $n (i64.sub (local.get $n) (i64.const 1)))
                (br $again)))))
        """
            .formatted(iterations));
  }

  /** Writes its environment to stdout, each {@code NAME=value} followed by a NUL byte. */
  static byte[] printEnviron() {
    return Wat2Wasm.parse(
        """
        (module
          (import "wasi_snapshot_preview1" "environ_sizes_get"
            (func $sizes (param i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "environ_get"
            (func $environ (param i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "fd_write"
            (func $write (param i32 i32 i32 i32) (result i32)))
          (memory (export "memory") 1)
          (func (export "_start")
            (drop (call $sizes (i32.const 0) (i32.const 4)))
            (drop (call $environ (i32.const 64) (i32.const 1024)))
            (i32.store (i32.const 16) (i32.const 1024))
            (i32.store (i32.const 20) (i32.load (i32.const 4)))
            (drop (call $write (i32.const 1) (i32.const 16) (i32.const 1) (i32.const 24)))))
        """);
  }

  /** Writes its argv to stdout, each argument followed by a NUL byte. */
  static byte[] printArgv() {
    return Wat2Wasm.parse(
        """
        (module
          (import "wasi_snapshot_preview1" "args_sizes_get"
            (func $sizes (param i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "args_get" (func $args (param i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "fd_write"
            (func $write (param i32 i32 i32 i32) (result i32)))
          (memory (export "memory") 1)
          (func (export "_start")
            (drop (call $sizes (i32.const 0) (i32.const 4)))
            (drop (call $args (i32.const 64) (i32.const 1024)))
            (i32.store (i32.const 16) (i32.const 1024))
            (i32.store (i32.const 20) (i32.load (i32.const 4)))
            (drop (call $write (i32.const 1) (i32.const 16) (i32.const 1) (i32.const 24)))))
        """);
  }
}
