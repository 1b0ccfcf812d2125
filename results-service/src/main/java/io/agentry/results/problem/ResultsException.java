package io.agentry.results.problem;

import java.util.List;

/** The root of the results service's errors; each becomes a problem+json response of its type. */
public abstract class ResultsException extends RuntimeException {

  private final ProblemType type;
  private final List<FieldError> errors;

  protected ResultsException(ProblemType type, String detail, List<FieldError> errors) {
    super(detail, null, false, false);
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
