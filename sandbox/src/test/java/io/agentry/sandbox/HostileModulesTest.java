package io.agentry.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dylibso.chicory.wabt.Wat2Wasm;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Modules that make the host hold memory the task's limit did not count: several memories, huge or
 * growing tables, GC objects. Each is refused by the checks uploads and runs share, or counted and
 * capped by the run.
 */
class HostileModulesTest {

  private static final Sandbox SANDBOX = new Sandbox(1024 * 1024);

  @AfterAll
  static void close() {
    SANDBOX.close();
  }

  /**
   * A module that carries 32 MiB of custom sections (debug information, or padding meant to cost
   * the registry's heap): it is accepted, and none of them is decoded or kept.
   */
  @Test
  void customSectionsAreCheckedButNeitherDecodedNorKept() {
    byte[] agent = HttpAgents.wasm(TestAgents.UPPERCASE);
    byte[] name = "padding".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    int payload = 32 * 1024 * 1024;
    java.io.ByteArrayOutputStream module = new java.io.ByteArrayOutputStream();
    module.writeBytes(agent);
    module.write(0);
    writeLeb(module, 1 + name.length + payload);
    writeLeb(module, name.length);
    module.writeBytes(name);
    module.writeBytes(new byte[payload]);

    run.endive.wasm.WasmModule parsed = ModuleInspector.agent(module.toByteArray());

    assertEquals(List.of(), parsed.customSections());
  }

  private static void writeLeb(java.io.ByteArrayOutputStream out, int value) {
    do {
      int next = value & 0x7F;
      value >>>= 7;
      out.write(value == 0 ? next : next | 0x80);
    } while (value != 0);
  }

  /** The report's 152-byte module: four memories, each grown by 15 MiB, under a 16 MiB limit. */
  @Test
  void fourMemoriesAreRefused() {
    byte[] module = fourMemories();

    UnsupportedFeatureException e =
        assertThrows(UnsupportedFeatureException.class, () -> PreparedModule.prepare(module));

    assertEquals(
        "The module has 4 memories; an agent may have at most 1 (the task's memory limit applies"
            + " to one linear memory).",
        e.getMessage());
  }

  /** The report's 59-byte module: a table of 10,000,000 entries, about 100 MiB of host heap. */
  @Test
  void aTableOfTenMillionEntriesIsRefused() {
    byte[] module = table("(table 10000000 funcref)", "");

    UnsupportedFeatureException e =
        assertThrows(UnsupportedFeatureException.class, () -> PreparedModule.prepare(module));

    assertEquals(
        "The module declares a table of 10000000 entries; a table may hold at most 65536"
            + " entries.",
        e.getMessage());
  }

  @Test
  void aTableCannotGrowPastItsLimit() {
    byte[] module =
        table(
            "(table 1 funcref)",
            "(call $exit (i32.add (i32.const 100)"
                + " (table.grow (ref.null func) (i32.const 100000))))");

    RunOutcome outcome = run(module, 16);

    // table.grow answers -1: refused.
    assertEquals(99, outcome.result().exitCode(), outcome.result().error());
  }

  /** Endive grows the module's own table limits: without a table of its own per run it leaks. */
  @Test
  void aTableGrownInOneRunStartsAtItsDeclaredSizeInTheNext() {
    PreparedModule module =
        PreparedModule.prepare(
            table(
                "(table 1 funcref)",
                "(drop (table.grow (ref.null func) (i32.const 10))) (call $exit (table.size))"));

    RunOutcome first = SANDBOX.run(module, request(16));
    RunOutcome second = SANDBOX.run(module, request(16));

    assertEquals(11, first.result().exitCode(), first.result().error());
    assertEquals(11, second.result().exitCode(), second.result().error());
  }

  @Test
  void gcStructTypesAreRefused() {
    UnsupportedFeatureException e =
        assertThrows(
            UnsupportedFeatureException.class, () -> PreparedModule.prepare(withStructType()));

    assertTrue(e.getMessage().contains("GC proposal"), e.getMessage());
  }

  @Test
  void theModuleInspectorRefusesThemAtUploadWithTheSameTypes() {
    ModuleInspector inspector = new ModuleInspector(1024 * 1024);

    assertThrows(UnsupportedFeatureException.class, () -> inspector.inspect(fourMemories()));
    assertThrows(
        UnsupportedFeatureException.class,
        () -> inspector.inspect(table("(table 10000000 funcref)", "")));
    assertThrows(UnsupportedFeatureException.class, () -> inspector.inspect(withStructType()));
  }

  @Test
  void aComponentIsRefusedWithHowToBuildACoreModule() {
    byte[] component = {0x00, 0x61, 0x73, 0x6D, 0x0D, 0x00, 0x01, 0x00};

    ComponentModuleException e =
        assertThrows(ComponentModuleException.class, () -> PreparedModule.prepare(component));

    assertTrue(e.getMessage().contains("WebAssembly component (WASI 0.2"), e.getMessage());
    assertTrue(e.getMessage().contains("wasm32-wasip1"), e.getMessage());
    assertTrue(e.getMessage().contains("--target=wasm32-wasi"), e.getMessage());
    assertTrue(e.getMessage().contains("componentize-py"), e.getMessage());
  }

  /** Four memories, each grown by 240 pages (15 MiB); the first is exported. */
  private static byte[] fourMemories() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00});
    out.writeBytes(new byte[] {0x01, 0x04, 0x01, 0x60, 0x00, 0x00}); // type () -> ()
    out.writeBytes(new byte[] {0x03, 0x02, 0x01, 0x00}); // one function
    out.writeBytes(new byte[] {0x05, 0x09, 0x04, 0, 1, 0, 1, 0, 1, 0, 1}); // 4 memories of 1 page
    byte[] exports = "\u0002\u0006_start\u0000\u0000\u0006memory\u0002\u0000".getBytes();
    out.write(0x07);
    out.write(exports.length);
    out.writeBytes(exports);
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(0x00); // no locals
    for (int memory = 0; memory < 4; memory++) {
      // (drop (memory.grow $memory (i32.const 240)))
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

  /** A module whose only type is an empty struct (GC proposal), besides a valid command. */
  private static byte[] withStructType() {
    byte[] valid =
        Wat2Wasm.parse("(module (memory (export \"memory\") 1) (func (export \"_start\")))");
    // Replace the type section (id 1) with one holding a struct type and the function type.
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(valid, 0, 8);
    int position = 8;
    while (position < valid.length) {
      int id = valid[position];
      int size = valid[position + 1];
      if (id == 1) {
        out.writeBytes(new byte[] {0x01, 0x06, 0x02, 0x5F, 0x00, 0x60, 0x00, 0x00});
      } else {
        out.write(valid, position, size + 2);
      }
      position += size + 2;
    }
    return out.toByteArray();
  }

  private static byte[] table(String table, String body) {
    return Wat2Wasm.parse(
        """
        (module
          (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
          (memory (export "memory") 1)
          TABLE
          (func (export "_start") BODY))
        """
            .replace("TABLE", table)
            .replace("BODY", body));
  }

  private static RunOutcome run(byte[] module, int maxMemoryMb) {
    return SANDBOX.run(PreparedModule.prepare(module), request(maxMemoryMb));
  }

  private static RunRequest request(int maxMemoryMb) {
    return new RunRequest(new byte[0], List.of("hostile"), Map.of(), 30_000, maxMemoryMb);
  }
}
