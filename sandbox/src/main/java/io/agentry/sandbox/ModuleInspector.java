package io.agentry.sandbox;

import io.agentry.sandbox.http.HttpAbi;
import io.agentry.sandbox.internal.DeclaredSizes;
import io.agentry.sandbox.internal.ModuleFeatures;
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
 * The one set of checks for an agent's binary, applied by the registry at upload and by the
 * executor before it compiles a binary: a WASI preview1 command module (not a component) within
 * {@link ModuleLimits}, whose declared sizes fit in it ({@link DeclaredSizes}), that Endive parses
 * and validates, that uses no feature the sandbox cannot bound ({@link ModuleFeatures}), imports
 * only functions of {@code wasi_snapshot_preview1} and the three outbound HTTP calls of {@code
 * agentry} with their exact signatures ({@link HttpAbi}), and exports a {@code _start} function and
 * its {@code memory}. The parser hashes the bytes as it reads them. Each refusal is a {@link
 * ModuleRefusedException} whose type says what failed. Thread-safe.
 */
public final class ModuleInspector {

  /** The only module an agent may import from. */
  public static final String WASI_MODULE = "wasi_snapshot_preview1";

  private static final byte[] MAGIC = {0x00, 0x61, 0x73, 0x6D};
  private static final byte[] CORE_VERSION = {0x01, 0x00, 0x00, 0x00};
  private static final int MAX_DETAIL = 300;
  private static final String ENDIVE_SHA256 = "sha-256:";
  private static final int SHA256_BYTES = 32;

  private final long maxBinarySize;

  /**
   * @param maxBinarySize the largest binary accepted, in bytes
   */
  public ModuleInspector(long maxBinarySize) {
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
   * so that they can be tested, and fuzzed, directly.
   *
   * @throws ModuleRefusedException for a module the sandbox would not run
   */
  public InspectedBinary inspect(byte[] module) {
    checkSize(module.length);
    WasmModule parsed = agent(module);
    return new InspectedBinary(sha256(parsed, module), module.length);
  }

  /**
   * The code section's size in bytes as the module declares it, after the checks that need no
   * parsing; parsing a module costs heap in proportion to it (see docs/performance.md).
   *
   * @throws ModuleRefusedException when the module is refused before parsing
   */
  public static long codeBytes(byte[] module) {
    checkHeader(module);
    return DeclaredSizes.check(module);
  }

  /**
   * Parses {@code module} and applies every check but the size limit.
   *
   * @throws ModuleRefusedException for a module the sandbox would not run
   */
  public static WasmModule agent(byte[] module) {
    checkHeader(module);
    DeclaredSizes.check(module);
    WasmModule parsed = parse(module);
    ModuleFeatures.check(parsed);
    checkImports(parsed);
    checkExports(parsed);
    return parsed;
  }

  private void checkSize(long size) {
    if (size > maxBinarySize) {
      throw new ModuleTooLargeException(maxBinarySize);
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

  private static void checkHeader(byte[] module) {
    if (module.length < MAGIC.length
        || !Arrays.equals(Arrays.copyOf(module, MAGIC.length), MAGIC)) {
      throw new NotWasmException(
          "The binary is not WebAssembly: it does not start with the bytes \\0asm.");
    }
    if (module.length >= 8
        && !Arrays.equals(module, 4, 8, CORE_VERSION, 0, 4)
        && module[6] == 0x01
        && module[7] == 0x00) {
      throw new ComponentModuleException(
          "The binary is a WebAssembly component (WASI 0.2, component-model layer 1, version "
              + (module[4] & 0xFF)
              + "), not a core module: an agent must be a WASI preview1 core module. Build one"
              + " instead: Rust with 'cargo build --release --target wasm32-wasip1', C with"
              + " wasi-sdk or 'clang --target=wasm32-wasi'. The output of cargo-component,"
              + " componentize-py or the wasm32-wasip2 target is a component and is not"
              + " accepted.");
    }
  }

  /**
   * The sections Endive decodes: every one but the custom sections (id 0), which carry no code. An
   * agent may ship tens of MiB of them (debug information), and decoding copies each one: that cost
   * the registry's heap at upload for nothing ({@link DeclaredSizes} still checks their shape).
   */
  private static final int LAST_SECTION_ID = 13;

  private static WasmModule parse(byte[] module) {
    Parser.Builder parser = Parser.builder();
    for (int id = 1; id <= LAST_SECTION_ID; id++) {
      parser.includeSectionId(id);
    }
    try {
      return parser.build().parse(() -> new java.io.ByteArrayInputStream(module));
    } catch (MalformedException e) {
      throw new MalformedModuleException(
          "The module is malformed: " + clip(e.getMessage()) + ".", e);
    } catch (InvalidException e) {
      throw new InvalidModuleException("The module is invalid: " + clip(e.getMessage()) + ".", e);
    } catch (RuntimeException e) {
      throw new MalformedModuleException(
          "The module is malformed: it could not be decoded ("
              + e.getClass().getSimpleName().replace("Exception", "").toLowerCase(Locale.ROOT)
              + ").",
          e);
    } catch (AssertionError e) {
      // The parser checks some of its input with assert statements, which fail on a hostile
      // module only when assertions are enabled: the same module, refused the same way.
      throw new MalformedModuleException("The module is malformed: it could not be decoded.", e);
    }
  }

  private static void checkImports(WasmModule module) {
    var imports = module.importSection();
    for (int i = 0; i < imports.importCount(); i++) {
      Import imported = imports.getImport(i);
      String name = clip(imported.module()) + "." + clip(imported.name());
      boolean agentry = HttpAbi.MODULE.equals(imported.module());
      if (!WASI_MODULE.equals(imported.module()) && !agentry) {
        throw new NotACommandException(
            "The module imports '"
                + name
                + "', which is outside "
                + WASI_MODULE
                + " and the outbound HTTP calls of '"
                + HttpAbi.MODULE
                + "'.");
      }
      if (imported.importType() != ExternalType.FUNCTION) {
        throw new NotACommandException(
            "The module imports a "
                + imported.importType().name().toLowerCase(Locale.ROOT)
                + " '"
                + name
                + "'; only functions of "
                + WASI_MODULE
                + " and "
                + HttpAbi.MODULE
                + " can be imported.");
      }
      if (agentry) {
        checkAgentryImport(module, (FunctionImport) imported, name);
      }
    }
  }

  /** One of the three calls of {@link HttpAbi}, with exactly its signature. */
  private static void checkAgentryImport(WasmModule module, FunctionImport imported, String name) {
    FunctionType expected = HttpAbi.type(imported.name());
    if (expected == null) {
      throw new NotACommandException(
          "The module imports '"
              + name
              + "'; "
              + HttpAbi.MODULE
              + " offers only "
              + String.join(", ", HttpAbi.names())
              + ".");
    }
    FunctionType actual = type(module, imported.typeIndex());
    if (actual == null || !expected.equals(actual)) {
      throw new NotACommandException(
          "The module imports '"
              + name
              + "' as "
              + (actual == null ? "an unknown type" : describe(actual))
              + "; it must be "
              + describe(expected)
              + ".");
    }
  }

  private static String describe(FunctionType type) {
    return "(func (param" + types(type.params()) + ") (result" + types(type.returns()) + "))";
  }

  private static String types(java.util.List<run.endive.wasm.types.ValType> types) {
    StringBuilder text = new StringBuilder();
    for (var type : types) {
      text.append(' ').append(type.name().toLowerCase(Locale.ROOT));
    }
    return text.toString();
  }

  private static void checkExports(WasmModule module) {
    Export start = export(module, "_start");
    if (start == null || start.exportType() != ExternalType.FUNCTION) {
      throw new NotACommandException(
          "The module has no '_start' function export; an agent must be a WASI command.");
    }
    FunctionType type = functionType(module, start.index());
    if (type == null) {
      // The parser's validation does not check the indexes of exports.
      throw new InvalidModuleException(
          "The module is invalid: its '_start' export names a function it does not have.");
    }
    if (!type.params().isEmpty() || !type.returns().isEmpty()) {
      throw new NotACommandException(
          "The module's '_start' export must take no parameters and return nothing.");
    }
    Export memory = export(module, "memory");
    if (memory == null || memory.exportType() != ExternalType.MEMORY) {
      throw new NotACommandException("The module does not export its memory as 'memory'.");
    }
    int memories = module.memorySection().map(MemorySection::memoryCount).orElse(0);
    if (memory.index() < 0 || memory.index() >= memories) {
      throw new InvalidModuleException(
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
  static String clip(String text) {
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
