package io.agentry.registry.fuzz;

import static io.agentry.wire.fuzz.ByteEdit.bytes;

import com.dylibso.chicory.wabt.Wat2Wasm;
import io.agentry.registry.wasm.WasmModules;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Valid modules that mutations start from: the smallest WASI command, one with a custom section,
 * and two written in WebAssembly text that use most sections and instruction kinds (tables and
 * element segments, globals, passive and active data, bulk memory, SIMD, multi-value, a start
 * function, a {@code name} section), so that mutations reach deep into the parser.
 */
public final class SeedModules {

  private static final String WASI = "wasi_snapshot_preview1";

  private static final String RICH =
      """
      (module
        (type $binary (func (param i32 i32) (result i32)))
        (import "wasi_snapshot_preview1" "fd_write"
          (func $fd_write (param i32 i32 i32 i32) (result i32)))
        (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
        (memory (export "memory") 1 4)
        (table 4 funcref)
        (global $counter (mut i32) (i32.const 0))
        (global $big i64 (i64.const -9223372036854775808))
        (global $pi f64 (f64.const 3.141592653589793))
        (global $offset i32 (i32.const 16))
        (elem (i32.const 0) $add $sub)
        (elem $later funcref (ref.func $add))
        (data (i32.const 16) "hello, agent\\n")
        (data $spare "\\00\\01\\02\\ff")
        (func $add (type $binary) (i32.add (local.get 0) (local.get 1)))
        (func $sub (type $binary) (i32.sub (local.get 0) (local.get 1)))
        (func $pair (param i64) (result i64 i64) (local.get 0) (i64.const 1))
        (func $init (global.set $counter (i32.const 1)))
        (start $init)
        (func $work (param $n i32) (result i32)
          (local $i i32) (local $acc i64) (local $f f32)
          (block $done
            (loop $again
              (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
              (local.set $acc (i64.add (local.get $acc) (i64.extend_i32_u (local.get $i))))
              (local.set $i (i32.add (local.get $i) (i32.const 1)))
              (br $again)))
          (block $b0 (block $b1 (block $b2
            (br_table $b0 $b1 $b2 (local.get $n)))))
          (drop (call_indirect (type $binary) (i32.const 1) (i32.const 2) (i32.const 0)))
          (drop (call $pair (local.get $acc)))
          (drop)
          (memory.fill (i32.const 64) (i32.const 0) (i32.const 16))
          (memory.copy (i32.const 80) (i32.const 16) (i32.const 8))
          (memory.init $spare (i32.const 96) (i32.const 0) (i32.const 4))
          (data.drop $spare)
          (local.set $f (f32.sqrt (f32.convert_i32_s (local.get $n))))
          (if (result i32) (f32.gt (local.get $f) (f32.const 2.5))
            (then (i32.extend8_s (local.get $n)))
            (else (select (i32.const 1) (i32.const 2) (local.get $n)))))
        (func (export "_start")
          (i32.store (i32.const 0) (i32.const 16))
          (i32.store (i32.const 4) (i32.const 13))
          (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))
          (drop (call $work (i32.const 10)))
          (call $proc_exit (i32.const 0))))
      """;

  private static final String VECTORS =
      """
      (module
        (import "wasi_snapshot_preview1" "fd_write"
          (func (param i32 i32 i32 i32) (result i32)))
        (memory (export "memory") 1)
        (global $zero v128 (v128.const i32x4 0 0 0 0))
        (func $lanes (param v128 v128) (result v128)
          (i32x4.add (local.get 0) (i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15
            (local.get 1) (global.get $zero))))
        (func $refs (param externref) (result i32) (ref.is_null (local.get 0)))
        (func (export "_start")
          (drop (call $lanes (v128.const i64x2 1 2) (v128.load (i32.const 0))))
          (drop (call $refs (ref.null extern)))))
      """;

  private SeedModules() {}

  /** The seeds; compiled once per call, so callers keep the list. */
  public static List<byte[]> all() {
    byte[] rich = Wat2Wasm.parse(RICH);
    return List.of(
        WasmModules.valid("", 0),
        WasmModules.valid("seed", 200),
        WasmModules.command().importFunction(WASI, "proc_exit").build(),
        rich,
        withNameSection(rich),
        Wat2Wasm.parse(VECTORS));
  }

  /** {@code module} with a {@code name} section: module, function and local names. */
  static byte[] withNameSection(byte[] module) {
    ByteArrayOutputStream names = new ByteArrayOutputStream();
    name(names, "name");
    subsection(names, 0, nameBytes("seed"));
    ByteArrayOutputStream functions = new ByteArrayOutputStream();
    functions.writeBytes(bytes(3));
    for (int i = 0; i < 3; i++) {
      functions.write(i);
      name(functions, "f" + i);
    }
    subsection(names, 1, functions.toByteArray());
    ByteArrayOutputStream locals = new ByteArrayOutputStream();
    locals.writeBytes(bytes(1, 2, 2, 0));
    name(locals, "a");
    locals.write(1);
    name(locals, "b");
    subsection(names, 2, locals.toByteArray());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(module);
    out.write(0);
    out.write(names.size());
    out.writeBytes(names.toByteArray());
    return out.toByteArray();
  }

  private static void subsection(ByteArrayOutputStream out, int id, byte[] content) {
    out.write(id);
    out.write(content.length);
    out.writeBytes(content);
  }

  private static byte[] nameBytes(String text) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    name(out, text);
    return out.toByteArray();
  }

  private static void name(ByteArrayOutputStream out, String text) {
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    out.write(utf8.length);
    out.writeBytes(utf8);
  }
}
