package io.agentry.registry.wasm;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds small WebAssembly modules byte by byte, for tests and the benchmark: by default a valid
 * WASI command (one {@code fd_write} import, a {@code _start} function, a 1-page memory, both
 * exported) with an optional custom section that makes it unique and as large as needed.
 */
public final class WasmModules {

  private final List<String[]> imports = new ArrayList<>();
  private final List<String> importKinds = new ArrayList<>();
  private boolean exportStart = true;
  private boolean startTakesParam;
  private boolean exportMemory = true;
  private boolean invalidBody;
  private byte[] padding = new byte[0];

  private WasmModules() {
    importFunction("wasi_snapshot_preview1", "fd_write");
  }

  /** A valid WASI command module to start from. */
  public static WasmModules command() {
    return new WasmModules();
  }

  /** The smallest valid command with a custom section of {@code size} bytes of {@code seed}. */
  public static byte[] valid(String seed, int size) {
    return command().padded(seed, size).build();
  }

  public WasmModules importFunction(String module, String name) {
    imports.add(new String[] {module, name});
    importKinds.add("func");
    return this;
  }

  public WasmModules importGlobal(String module, String name) {
    imports.add(new String[] {module, name});
    importKinds.add("global");
    return this;
  }

  public WasmModules withoutStart() {
    exportStart = false;
    return this;
  }

  public WasmModules startTakingAParameter() {
    startTakesParam = true;
    return this;
  }

  public WasmModules withoutMemoryExport() {
    exportMemory = false;
    return this;
  }

  /** A function body that does not type-check: well formed, but invalid. */
  public WasmModules withInvalidBody() {
    invalidBody = true;
    return this;
  }

  /**
   * Adds a custom section filled with {@code seed} so that the module is exactly {@code size} bytes
   * (or, for a size below the bare module's, the seed alone).
   */
  public WasmModules padded(String seed, int size) {
    byte[] seedBytes = seed.getBytes(StandardCharsets.UTF_8);
    padding = seedBytes;
    int length = Math.max(seedBytes.length, size - build().length + seedBytes.length);
    while (length > seedBytes.length && sizeWith(length) > size) {
      length--;
    }
    padding = new byte[length];
    for (int i = 0; i < length; i++) {
      padding[i] = seedBytes.length == 0 ? 0 : seedBytes[i % seedBytes.length];
    }
    return this;
  }

  private int sizeWith(int paddingLength) {
    padding = new byte[paddingLength];
    return build().length;
  }

  public byte[] build() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00});
    // Types: 0 = () -> (), 1 = (i32 i32 i32 i32) -> i32 (fd_write), 2 = (i32) -> ().
    section(
        out, 1, bytes(3, 0x60, 0, 0, 0x60, 4, 0x7F, 0x7F, 0x7F, 0x7F, 1, 0x7F, 0x60, 1, 0x7F, 0));
    ByteArrayOutputStream importSection = new ByteArrayOutputStream();
    leb(importSection, imports.size());
    int importedFunctions = 0;
    for (int i = 0; i < imports.size(); i++) {
      name(importSection, imports.get(i)[0]);
      name(importSection, imports.get(i)[1]);
      if (importKinds.get(i).equals("func")) {
        importSection.writeBytes(bytes(0x00, 1));
        importedFunctions++;
      } else {
        importSection.writeBytes(bytes(0x03, 0x7F, 0x00));
      }
    }
    section(out, 2, importSection.toByteArray());
    section(out, 3, bytes(1, startTakesParam ? 2 : 0));
    section(out, 5, bytes(1, 0x00, 1));
    ByteArrayOutputStream exports = new ByteArrayOutputStream();
    int count = (exportStart ? 1 : 0) + (exportMemory ? 1 : 0);
    leb(exports, count);
    if (exportStart) {
      name(exports, "_start");
      exports.write(0x00);
      leb(exports, importedFunctions);
    }
    if (exportMemory) {
      name(exports, "memory");
      exports.writeBytes(bytes(0x02, 0));
    }
    section(out, 7, exports.toByteArray());
    byte[] body = invalidBody ? bytes(0, 0x41, 1, 0x0B) : bytes(0, 0x0B);
    ByteArrayOutputStream code = new ByteArrayOutputStream();
    leb(code, 1);
    leb(code, body.length);
    code.writeBytes(body);
    section(out, 10, code.toByteArray());
    if (padding.length > 0) {
      ByteArrayOutputStream custom = new ByteArrayOutputStream();
      name(custom, "agentry.padding");
      custom.writeBytes(padding);
      section(out, 0, custom.toByteArray());
    }
    return out.toByteArray();
  }

  private static void section(ByteArrayOutputStream out, int id, byte[] content) {
    out.write(id);
    leb(out, content.length);
    out.writeBytes(content);
  }

  private static void name(ByteArrayOutputStream out, String name) {
    byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
    leb(out, utf8.length);
    out.writeBytes(utf8);
  }

  private static void leb(ByteArrayOutputStream out, int value) {
    int remaining = value;
    do {
      int b = remaining & 0x7F;
      remaining >>>= 7;
      out.write(remaining == 0 ? b : b | 0x80);
    } while (remaining != 0);
  }

  private static byte[] bytes(int... values) {
    byte[] result = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      result[i] = (byte) values[i];
    }
    return result;
  }
}
