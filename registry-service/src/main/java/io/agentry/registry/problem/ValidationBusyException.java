package io.agentry.registry.problem;

/** A 503: the modules being validated hold the validation heap; the client may retry shortly. */
public class ValidationBusyException extends RegistryException {

  public ValidationBusyException() {
    super(
        ProblemType.VALIDATION_BUSY,
        "Too many modules are being validated at the moment; try again in a few seconds.");
  }
}
