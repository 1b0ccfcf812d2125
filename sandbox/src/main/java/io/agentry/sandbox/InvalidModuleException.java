package io.agentry.sandbox;

/** A module that decodes but fails WebAssembly validation (types, indexes, instructions). */
public final class InvalidModuleException extends ModuleRefusedException {

  public InvalidModuleException(String message) {
    super(message, null);
  }

  InvalidModuleException(String message, Throwable cause) {
    super(message, cause);
  }
}
