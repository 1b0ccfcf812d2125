package io.agentry.registry.problem;

/** A 413: the uploaded binary is over the configured limit. */
public class BinaryTooLargeException extends RegistryException {

  public BinaryTooLargeException(long limitBytes) {
    super(
        ProblemType.BINARY_TOO_LARGE, "The binary exceeds the limit of " + limitBytes + " bytes.");
  }
}
