package io.agentry.sandbox;

/** A WebAssembly component (WASI 0.2), not the WASI preview1 core module an agent must be. */
public final class ComponentModuleException extends ModuleRefusedException {

  public ComponentModuleException(String message) {
    super(message, null);
  }
}
