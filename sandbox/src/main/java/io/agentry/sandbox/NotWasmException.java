package io.agentry.sandbox;

/** The bytes are not WebAssembly at all (they do not start with {@code \0asm}). */
public final class NotWasmException extends ModuleRefusedException {

  public NotWasmException(String message) {
    super(message, null);
  }
}
