package io.agentry.registry.service;

import io.agentry.registry.config.RegistryConfig;
import io.agentry.registry.problem.BinaryTooLargeException;
import io.agentry.registry.problem.InvalidWasmException;
import io.agentry.registry.problem.ValidationBusyException;
import io.agentry.sandbox.InspectedBinary;
import io.agentry.sandbox.ModuleInspector;
import io.agentry.sandbox.ModuleRefusedException;
import io.agentry.sandbox.ModuleTooLargeException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The registry's door to the sandbox's module checks ({@link ModuleInspector}, the same rules the
 * executor runs binaries by): a refused module is a 422 {@code invalid-wasm} with the check's
 * sentence as detail, a binary over the size limit a 413. Parsing costs heap in proportion to the
 * module's code, so the modules validated at the same time share a budget of heap (a share of the
 * maximum heap): an upload that does not fit waits briefly, then gets 503 {@code validation-busy}.
 * Blocking: call it on a worker thread.
 */
@ApplicationScoped
public class WasmInspector {

  /** Heap the parser holds per byte of code, with headroom (measured: up to 52, for nops). */
  static final int PARSE_HEAP_PER_CODE_BYTE = 64;

  private static final long KIB = 1024;
  private static final long WAIT_SECONDS = 2;

  private final ModuleInspector inspector;
  private final Semaphore heapKib;
  private final int totalKib;

  @Inject
  public WasmInspector(RegistryConfig config) {
    this(
        config.upload().maxBinarySize().asLongValue(),
        (long) (Runtime.getRuntime().maxMemory() * config.upload().validationHeapShare()));
  }

  WasmInspector(long maxBinarySize) {
    this(maxBinarySize, Runtime.getRuntime().maxMemory() / 4);
  }

  WasmInspector(long maxBinarySize, long validationHeapBytes) {
    this(maxBinarySize, (int) Math.max(1, Math.min(Integer.MAX_VALUE, validationHeapBytes / KIB)));
  }

  private WasmInspector(long maxBinarySize, int totalKib) {
    this(maxBinarySize, totalKib, new Semaphore(totalKib, true));
  }

  /** With the budget's semaphore given, so that a test can hold it. */
  WasmInspector(long maxBinarySize, int totalKib, Semaphore heapKib) {
    this.inspector = new ModuleInspector(maxBinarySize);
    this.totalKib = totalKib;
    this.heapKib = heapKib;
  }

  public long maxBinarySize() {
    return inspector.maxBinarySize();
  }

  /** Inspects an uploaded file; a file over the size limit is refused before it is read. */
  public InspectedBinary inspect(Path file) {
    try {
      if (Files.size(file) > inspector.maxBinarySize()) {
        throw new BinaryTooLargeException(inspector.maxBinarySize());
      }
      return inspect(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the uploaded binary", e);
    }
  }

  /** Inspects a module held in memory: the same checks as {@link #inspect(Path)}, without I/O. */
  public InspectedBinary inspect(byte[] module) {
    if (module.length > inspector.maxBinarySize()) {
      throw new BinaryTooLargeException(inspector.maxBinarySize());
    }
    try {
      long codeBytes = ModuleInspector.codeBytes(module);
      // The parsed code and the module's own bytes, at least one KiB: every validation counts.
      long needBytes = codeBytes * PARSE_HEAP_PER_CODE_BYTE + module.length;
      int needKib = (int) Math.min(Integer.MAX_VALUE, Math.max(1, (needBytes + KIB - 1) / KIB));
      if (needKib > totalKib) {
        throw new InvalidWasmException(
            "The module's code section is "
                + codeBytes
                + " bytes; this registry validates at most "
                + totalKib * KIB / PARSE_HEAP_PER_CODE_BYTE
                + " bytes of code (parsing takes about "
                + PARSE_HEAP_PER_CODE_BYTE
                + " bytes of heap per byte of code).");
      }
      if (!acquire(needKib)) {
        throw new ValidationBusyException();
      }
      try {
        return inspector.inspect(module);
      } finally {
        heapKib.release(needKib);
      }
    } catch (ModuleRefusedException e) {
      throw problem(e);
    }
  }

  private boolean acquire(int kib) {
    try {
      return heapKib.tryAcquire(kib, WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static RuntimeException problem(ModuleRefusedException refusal) {
    if (refusal instanceof ModuleTooLargeException tooLarge) {
      return new BinaryTooLargeException(tooLarge.limitBytes());
    }
    return new InvalidWasmException(refusal.getMessage());
  }
}
