package io.agentry.registry.service;

import io.agentry.registry.config.RegistryConfig;
import io.agentry.registry.problem.BinaryTooLargeException;
import io.agentry.registry.problem.InvalidWasmException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import run.endive.wasm.InvalidException;
import run.endive.wasm.MalformedException;
import run.endive.wasm.Parser;
import run.endive.wasm.WasmModule;
import run.endive.wasm.types.Export;
import run.endive.wasm.types.ExternalType;
import run.endive.wasm.types.FunctionImport;
import run.endive.wasm.types.FunctionSection;
import run.endive.wasm.types.FunctionType;
import run.endive.wasm.types.Import;
import run.endive.wasm.types.MemorySection;
import run.endive.wasm.types.TypeSection;

/**
 * Checks that an uploaded file is a WASI preview1 command module an executor can run, hashing it in
 * the same pass: {@link DeclaredSizes} checks that the sizes it declares fit in it, Endive parses
 * and validates it, then it must import only functions of {@code wasi_snapshot_preview1} and export
 * a {@code _start} function and its {@code memory}. The file is read into memory once (as the
 * parser would read it anyway), and the parser hashes it as it reads. Blocking: call {@link
 * #inspect(Path)} on a worker thread.
 */
@ApplicationScoped
public class WasmInspector {

  /** The only module an agent may import from. */
  public static final String WASI_MODULE = "wasi_snapshot_preview1";

  private static final byte[] MAGIC = {0x00, 0x61, 0x73, 0x6D};
  private static final int MAX_DETAIL = 300;
  private static final String ENDIVE_SHA256 = "sha-256:";
  private static final int SHA256_BYTES = 32;

  private final long maxBinarySize;

  @Inject
  public WasmInspector(RegistryConfig config) {
    this(config.upload().maxBinarySize().asLongValue());
  }

  WasmInspector(long maxBinarySize) {
    this.maxBinarySize = maxBinarySize;
  }

  public long maxBinarySize() {
    return maxBinarySize;
  }

  /** Inspects an uploaded file; a file over the size limit is refused before it is read. */
  public InspectedBinary inspect(Path file) {
    try {
      checkSize(Files.size(file));
      return inspect(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the uploaded binary", e);
    }
  }

  /**
   * Inspects a module held in memory: the same checks as {@link #inspect(Path)}, and pure (no I/O),
   * so that they can be tested, and fuzzed, directly. Throws {@link BinaryTooLargeException} or
   * {@link InvalidWasmException} for a module the registry refuses.
   */
  public InspectedBinary inspect(byte[] module) {
    checkSize(module.length);
    checkMagic(module);
    DeclaredSizes.check(module);
    WasmModule parsed = parse(module);
    checkImports(parsed);
    checkExports(parsed);
    return new InspectedBinary(sha256(parsed, module), module.length);
  }

  private void checkSize(long size) {
    if (size > maxBinarySize) {
      throw new BinaryTooLargeException(maxBinarySize);
    }
  }

  /**
   * The SHA-256 that Endive's parser computes while it reads (by default; its algorithm is a system
   * property), so that the bytes are hashed once; otherwise a second pass over them.
   */
  private static String sha256(WasmModule module, byte[] bytes) {
    String digest = module.digest();
    if (digest != null && digest.startsWith(ENDIVE_SHA256)) {
      byte[] hash = Base64.getDecoder().decode(digest.substring(ENDIVE_SHA256.length()));
      if (hash.length == SHA256_BYTES) {
        return HexFormat.of().formatHex(hash);
      }
    }
    return HexFormat.of().formatHex(newDigest().digest(bytes));
  }

  private static void checkMagic(byte[] module) {
    if (module.length < MAGIC.length
        || !Arrays.equals(Arrays.copyOf(module, MAGIC.length), MAGIC)) {
      throw new InvalidWasmException(
          "The binary is not WebAssembly: it does not start with the bytes \\0asm.");
    }
  }

  private static WasmModule parse(byte[] module) {
    try {
      return Parser.parse(module);
    } catch (MalformedException e) {
      throw new InvalidWasmException("The module is malformed: " + clip(e.getMessage()) + ".");
    } catch (InvalidException e) {
      throw new InvalidWasmException("The module is invalid: " + clip(e.getMessage()) + ".");
    } catch (RuntimeException e) {
      throw new InvalidWasmException(
          "The module is malformed: it could not be decoded ("
              + e.getClass().getSimpleName().replace("Exception", "").toLowerCase(Locale.ROOT)
              + ").");
    } catch (AssertionError e) {
      // The parser checks some of its input with assert statements, which fail on a hostile
      // module only when assertions are enabled: the same module, refused the same way.
      throw new InvalidWasmException("The module is malformed: it could not be decoded.");
    }
  }

  private static void checkImports(WasmModule module) {
    var imports = module.importSection();
    for (int i = 0; i < imports.importCount(); i++) {
      Import imported = imports.getImport(i);
      String name = clip(imported.module()) + "." + clip(imported.name());
      if (!WASI_MODULE.equals(imported.module())) {
        throw new InvalidWasmException(
            "The module imports '" + name + "', which is outside " + WASI_MODULE + ".");
      }
      if (imported.importType() != ExternalType.FUNCTION) {
        throw new InvalidWasmException(
            "The module imports a "
                + imported.importType().name().toLowerCase(Locale.ROOT)
                + " '"
                + name
                + "'; only functions of "
                + WASI_MODULE
                + " can be imported.");
      }
    }
  }

  private static void checkExports(WasmModule module) {
    Export start = export(module, "_start");
    if (start == null || start.exportType() != ExternalType.FUNCTION) {
      throw new InvalidWasmException(
          "The module has no '_start' function export; an agent must be a WASI command.");
    }
    FunctionType type = functionType(module, start.index());
    if (type == null) {
      // The parser's validation does not check the indexes of exports.
      throw new InvalidWasmException(
          "The module is invalid: its '_start' export names a function it does not have.");
    }
    if (!type.params().isEmpty() || !type.returns().isEmpty()) {
      throw new InvalidWasmException(
          "The module's '_start' export must take no parameters and return nothing.");
    }
    Export memory = export(module, "memory");
    if (memory == null || memory.exportType() != ExternalType.MEMORY) {
      throw new InvalidWasmException("The module does not export its memory as 'memory'.");
    }
    int memories = module.memorySection().map(MemorySection::memoryCount).orElse(0);
    if (memory.index() < 0 || memory.index() >= memories) {
      throw new InvalidWasmException(
          "The module is invalid: its 'memory' export names a memory it does not have.");
    }
  }

  private static Export export(WasmModule module, String name) {
    var exports = module.exportSection();
    for (int i = 0; i < exports.exportCount(); i++) {
      if (name.equals(exports.getExport(i).name())) {
        return exports.getExport(i);
      }
    }
    return null;
  }

  /** The type of a function, or null when the module has no such function or type. */
  private static FunctionType functionType(WasmModule module, int functionIndex) {
    int imported = 0;
    var imports = module.importSection();
    for (int i = 0; i < imports.importCount(); i++) {
      if (imports.getImport(i) instanceof FunctionImport function) {
        if (imported == functionIndex) {
          return type(module, function.typeIndex());
        }
        imported++;
      }
    }
    int local = functionIndex - imported;
    FunctionSection functions = module.functionSection();
    if (local < 0 || local >= functions.functionCount()) {
      return null;
    }
    return type(module, functions.getFunctionType(local));
  }

  /** A function type, or null when there is no type at that index or it is not a function's. */
  private static FunctionType type(WasmModule module, int typeIndex) {
    TypeSection types = module.typeSection();
    return typeIndex < 0 || typeIndex >= types.subTypeCount() ? null : types.getType(typeIndex);
  }

  /** Module-provided text, made safe and short for a response. */
  private static String clip(String text) {
    if (text == null) {
      return "";
    }
    String printable = text.replaceAll("[\\p{Cntrl}\\p{Cf}]", "?");
    return printable.length() <= MAX_DETAIL
        ? printable
        : printable.substring(0, MAX_DETAIL) + "...";
  }

  private static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
