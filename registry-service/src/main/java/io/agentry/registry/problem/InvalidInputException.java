package io.agentry.registry.problem;

import java.util.List;

/** A 400: the request's body, parts or parameters are not acceptable. */
public class InvalidInputException extends RegistryException {

  public InvalidInputException(ProblemType type, String detail) {
    this(type, detail, List.of());
  }

  public InvalidInputException(ProblemType type, String detail, List<FieldError> errors) {
    super(type, detail, errors, null);
    if (type.status() != 400) {
      throw new IllegalArgumentException(type + " is not a 400");
    }
  }
}
