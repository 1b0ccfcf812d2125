package io.agentry.results.problem;

import java.util.List;

/** A 400 {@code invalid-request}: the body is JSON but breaks a rule; {@code errors} says which. */
public class InvalidRequestException extends ResultsException {

  public InvalidRequestException(List<FieldError> errors) {
    super(
        ProblemType.INVALID_REQUEST,
        errors.size() == 1
            ? "The field '"
                + errors.get(0).field()
                + "' is invalid: "
                + errors.get(0).message()
                + "."
            : errors.size() + " fields are invalid.",
        errors);
  }
}
