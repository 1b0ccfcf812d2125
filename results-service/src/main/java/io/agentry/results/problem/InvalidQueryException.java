package io.agentry.results.problem;

import java.util.List;

/** A 400: a query parameter or the cursor is not acceptable. */
public class InvalidQueryException extends ResultsException {

  private InvalidQueryException(ProblemType type, String detail, List<FieldError> errors) {
    super(type, detail, errors);
  }

  /** One or more query parameters are invalid; {@code errors} says which and why. */
  public static InvalidQueryException of(List<FieldError> errors) {
    return new InvalidQueryException(
        ProblemType.INVALID_QUERY,
        errors.size() == 1
            ? "The query parameter '" + errors.get(0).field() + "' is invalid."
            : errors.size() + " query parameters are invalid.",
        errors);
  }

  /** The cursor does not decode, or it was made for another query. */
  public static InvalidQueryException cursor(String why) {
    return new InvalidQueryException(
        ProblemType.INVALID_CURSOR,
        "The cursor is not valid: " + why + ". Use the nextCursor of the previous page as is.",
        List.of(new FieldError("cursor", why)));
  }
}
