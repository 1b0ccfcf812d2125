package io.agentry.registry.service;

import com.dylibso.chicory.wasm.InvalidException;
import com.dylibso.chicory.wasm.MalformedException;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.Export;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.Import;
import io.agentry.registry.config.RegistryConfig;
import io.agentry.registry.problem.BinaryTooLargeException;
import io.agentry.registry.problem.InvalidWasmException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Checks that an uploaded file is a WASI preview1 command module an executor can run, hashing it in
 * the same pass: Chicory parses and validates it, then it must import only functions of {@code
 * wasi_snapshot_preview1} and export a {@code _start} function and its {@code memory}. The file is
 * read once: the parser hashes it as it reads. Blocking: call it on a worker thread.
 */
@ApplicationScoped
public class WasmInspector {

  /** The only module an agent may import from. */
  public static final String WASI_MODULE = "wasi_snapshot_preview1";

  private static final byte[] MAGIC = {0x00, 0x61, 0x73, 0x6D};
  private static final int MAX_DETAIL = 300;
  private static final String CHICORY_SHA256 = "sha-256:";
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

  public InspectedBinary inspect(Path file) {
    try {
      long size = Files.size(file);
      if (size > maxBinarySize) {
        throw new BinaryTooLargeException(maxBinarySize);
      }
      checkMagic(file);
      WasmModule module;
      try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
        module = parse(in);
      }
      checkImports(module);
      checkExports(module);
      return new InspectedBinary(sha256(module, file), size);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the uploaded binary", e);
    }
  }

  /**
   * The SHA-256 that Chicory's parser computes while it reads (by default; its algorithm is a
   * system property), so that the bytes are hashed once; otherwise a second pass over the file.
   */
  private static String sha256(WasmModule module, Path file) throws IOException {
    String digest = module.digest();
    if (digest != null && digest.startsWith(CHICORY_SHA256)) {
      byte[] hash = Base64.getDecoder().decode(digest.substring(CHICORY_SHA256.length()));
      if (hash.length == SHA256_BYTES) {
        return HexFormat.of().formatHex(hash);
      }
    }
    MessageDigest sha256 = newDigest();
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha256)) {
      in.transferTo(OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(sha256.digest());
  }

  private static void checkMagic(Path file) throws IOException {
    byte[] head = new byte[MAGIC.length];
    int read;
    try (InputStream in = Files.newInputStream(file)) {
      read = in.readNBytes(head, 0, head.length);
    }
    if (read < MAGIC.length || !Arrays.equals(head, MAGIC)) {
      throw new InvalidWasmException(
          "The binary is not WebAssembly: it does not start with the bytes \\0asm.");
    }
  }

  private static WasmModule parse(InputStream in) {
    try {
      return Parser.parse(in);
    } catch (MalformedException e) {
      throw new InvalidWasmException("The module is malformed: " + clip(e.getMessage()) + ".");
    } catch (InvalidException e) {
      throw new InvalidWasmException("The module is invalid: " + clip(e.getMessage()) + ".");
    } catch (RuntimeException e) {
      throw new InvalidWasmException(
          "The module is malformed: it could not be decoded ("
              + e.getClass().getSimpleName().replace("Exception", "").toLowerCase(Locale.ROOT)
              + ").");
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
    if (!type.params().isEmpty() || !type.returns().isEmpty()) {
      throw new InvalidWasmException(
          "The module's '_start' export must take no parameters and return nothing.");
    }
    Export memory = export(module, "memory");
    if (memory == null || memory.exportType() != ExternalType.MEMORY) {
      throw new InvalidWasmException("The module does not export its memory as 'memory'.");
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

  private static FunctionType functionType(WasmModule module, int functionIndex) {
    int imported = 0;
    var imports = module.importSection();
    for (int i = 0; i < imports.importCount(); i++) {
      if (imports.getImport(i) instanceof FunctionImport function) {
        if (imported == functionIndex) {
          return module.typeSection().getType(function.typeIndex());
        }
        imported++;
      }
    }
    return module.functionSection().getFunctionType(functionIndex - imported, module.typeSection());
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
