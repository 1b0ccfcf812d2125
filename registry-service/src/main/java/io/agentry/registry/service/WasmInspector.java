package io.agentry.registry.service;

import io.agentry.registry.config.RegistryConfig;
import io.agentry.registry.problem.BinaryTooLargeException;
import io.agentry.registry.problem.InvalidWasmException;
import io.agentry.sandbox.InspectedBinary;
import io.agentry.sandbox.ModuleInspector;
import io.agentry.sandbox.ModuleRefusedException;
import io.agentry.sandbox.ModuleTooLargeException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;

/**
 * The registry's door to the sandbox's module checks ({@link ModuleInspector}, the same rules the
 * executor runs binaries by): a refused module is a 422 {@code invalid-wasm} with the check's
 * sentence as detail, a binary over the size limit a 413. Blocking: call it on a worker thread.
 */
@ApplicationScoped
public class WasmInspector {

  private final ModuleInspector inspector;

  @Inject
  public WasmInspector(RegistryConfig config) {
    this(config.upload().maxBinarySize().asLongValue());
  }

  WasmInspector(long maxBinarySize) {
    this.inspector = new ModuleInspector(maxBinarySize);
  }

  public long maxBinarySize() {
    return inspector.maxBinarySize();
  }

  /** Inspects an uploaded file; a file over the size limit is refused before it is read. */
  public InspectedBinary inspect(Path file) {
    try {
      return inspector.inspect(file);
    } catch (ModuleRefusedException e) {
      throw problem(e);
    }
  }

  /** Inspects a module held in memory: the same checks as {@link #inspect(Path)}, without I/O. */
  public InspectedBinary inspect(byte[] module) {
    try {
      return inspector.inspect(module);
    } catch (ModuleRefusedException e) {
      throw problem(e);
    }
  }

  private static RuntimeException problem(ModuleRefusedException refusal) {
    if (refusal instanceof ModuleTooLargeException tooLarge) {
      return new BinaryTooLargeException(tooLarge.limitBytes());
    }
    return new InvalidWasmException(refusal.getMessage());
  }
}
