package io.agentry.sandbox;

/**
 * A valid module that is not a WASI preview1 command: imports outside WASI, or no {@code _start} or
 * {@code memory} export.
 */
public final class NotACommandException extends ModuleRefusedException {

  public NotACommandException(String message) {
    super(message, null);
  }
}
