package io.agentry.sandbox;

/** A module whose bytes cannot be decoded as the binary format says. */
public final class MalformedModuleException extends ModuleRefusedException {

  public MalformedModuleException(String message) {
    super(message, null);
  }

  MalformedModuleException(String message, Throwable cause) {
    super(message, cause);
  }
}
