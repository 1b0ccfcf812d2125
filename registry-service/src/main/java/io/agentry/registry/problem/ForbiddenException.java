package io.agentry.registry.problem;

/** A 403: the caller is known but may not do this (not the owner, or rating their own agent). */
public class ForbiddenException extends RegistryException {

  public ForbiddenException(String detail) {
    super(ProblemType.FORBIDDEN, detail);
  }

  /** A 403 of a more precise type. */
  public ForbiddenException(ProblemType type, String detail) {
    super(type, detail);
    if (type.status() != 403) {
      throw new IllegalArgumentException(type + " is not a 403");
    }
  }
}
