package io.agentry.registry.problem;

/** A 401 on login: the username or the password is wrong (never saying which). */
public class InvalidCredentialsException extends RegistryException {

  public InvalidCredentialsException() {
    super(ProblemType.INVALID_CREDENTIALS, "The username or the password is wrong.");
  }
}
