package io.agentry.registry.problem;

import java.util.List;

/** The root of the registry's errors; each one becomes a problem+json response of its type. */
public abstract class RegistryException extends RuntimeException {

  private final ProblemType type;
  private final List<FieldError> errors;

  protected RegistryException(ProblemType type, String detail) {
    this(type, detail, List.of(), null);
  }

  protected RegistryException(
      ProblemType type, String detail, List<FieldError> errors, Throwable cause) {
    super(detail, cause, false, false);
    this.type = type;
    this.errors = List.copyOf(errors);
  }

  public ProblemType type() {
    return type;
  }

  /** The field errors of a validation problem; empty otherwise. */
  public List<FieldError> errors() {
    return errors;
  }
}
