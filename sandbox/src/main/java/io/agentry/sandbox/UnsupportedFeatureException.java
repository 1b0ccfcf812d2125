package io.agentry.sandbox;

/**
 * A valid module that uses a feature the sandbox cannot bound: several memories, a table past the
 * documented size, the GC proposal's types or instructions.
 */
public final class UnsupportedFeatureException extends ModuleRefusedException {

  public UnsupportedFeatureException(String message) {
    super(message, null);
  }
}
