package io.agentry.sandbox;

/** A binary over the size limit, refused before it is read. */
public final class ModuleTooLargeException extends ModuleRefusedException {

  private final long limitBytes;

  public ModuleTooLargeException(long limitBytes) {
    super("The binary exceeds the limit of " + limitBytes + " bytes.", null);
    this.limitBytes = limitBytes;
  }

  /** The limit it exceeded, in bytes. */
  public long limitBytes() {
    return limitBytes;
  }
}
