package io.agentry.registry.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentry.registry.problem.BinaryTooLargeException;
import io.agentry.registry.problem.InvalidWasmException;
import io.agentry.registry.problem.ProblemType;
import io.agentry.registry.wasm.WasmModules;
import io.agentry.sandbox.InspectedBinary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WasmInspectorTest {

  private final WasmInspector inspector = new WasmInspector(64 * 1024);

  @TempDir Path dir;

  @Test
  void aWasiCommandPassesWithItsHashAndSize() throws Exception {
    byte[] module = WasmModules.valid("seed", 4096);
    InspectedBinary inspected = inspector.inspect(write(module));
    assertEquals(
        HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(module)),
        inspected.sha256());
    assertEquals(module.length, inspected.size());
  }

  @Test
  void aModuleWithoutImportsPasses() throws Exception {
    inspector.inspect(write(WasmModules.valid("", 0)));
  }

  @Test
  void eachRefusalSaysWhy() throws Exception {
    byte[] valid = WasmModules.valid("x", 512);
    assertRefused(new byte[0], "not WebAssembly");
    assertRefused("#!/bin/sh".getBytes(), "not WebAssembly");
    assertRefused(Arrays.copyOf(valid, 100), "malformed");
    assertRefused(Arrays.copyOf(new byte[] {0, 'a', 's', 'm', 2, 0, 0, 0}, 8), "malformed");
    assertRefused(WasmModules.command().withInvalidBody().build(), "invalid");
    assertRefused(WasmModules.command().withoutStart().build(), "no '_start'");
    assertRefused(WasmModules.command().startTakingAParameter().build(), "no parameters");
    assertRefused(WasmModules.command().withoutMemoryExport().build(), "'memory'");
    assertRefused(WasmModules.command().importFunction("env", "abort").build(), "'env.abort'");
    assertRefused(
        WasmModules.command().importGlobal("wasi_snapshot_preview1", "g").build(), "global");
  }

  /** What cargo-component, componentize-py and the wasm32-wasip2 target produce. */
  @Test
  void aWebAssemblyComponentIs422WithHowToBuildACoreModule() throws Exception {
    Path component = write(new byte[] {0x00, 0x61, 0x73, 0x6D, 0x0D, 0x00, 0x01, 0x00});

    InvalidWasmException e =
        assertThrows(InvalidWasmException.class, () -> inspector.inspect(component));

    assertEquals(ProblemType.INVALID_WASM, e.type());
    assertEquals(
        "The binary is a WebAssembly component (WASI 0.2, component-model layer 1, version 13),"
            + " not a core module: an agent must be a WASI preview1 core module. Build one"
            + " instead: Rust with 'cargo build --release --target wasm32-wasip1', C with wasi-sdk"
            + " or 'clang --target=wasm32-wasi'. The output of cargo-component, componentize-py"
            + " or the wasm32-wasip2 target is a component and is not accepted.",
        e.getMessage());
  }

  @Test
  void aFileOverTheLimitIsTooLarge() throws Exception {
    Path file = write(WasmModules.valid("big", 64 * 1024 + 100));
    assertThrows(BinaryTooLargeException.class, () -> inspector.inspect(file));
  }

  private void assertRefused(byte[] module, String reason) throws Exception {
    Path file = write(module);
    InvalidWasmException e =
        assertThrows(InvalidWasmException.class, () -> inspector.inspect(file));
    assertTrue(e.getMessage().contains(reason), e.getMessage());
  }

  private Path write(byte[] bytes) throws Exception {
    return Files.write(Files.createTempFile(dir, "m", ".wasm"), bytes);
  }
}
