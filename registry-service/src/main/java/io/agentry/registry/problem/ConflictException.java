package io.agentry.registry.problem;

/** A 409: the username is taken, or the owner already published that name and version. */
public class ConflictException extends RegistryException {

  private ConflictException(ProblemType type, String detail) {
    super(type, detail);
  }

  public static ConflictException usernameTaken(String username) {
    return new ConflictException(
        ProblemType.USERNAME_TAKEN, "The username '" + username + "' is taken.");
  }

  public static ConflictException versionExists(String name, String version) {
    return new ConflictException(
        ProblemType.VERSION_EXISTS,
        "You already published version " + version + " of '" + name + "'.");
  }

  public static ConflictException tooManySecrets(String agentName, int max) {
    return new ConflictException(
        ProblemType.TOO_MANY_SECRETS,
        "Agent '"
            + agentName
            + "' already has "
            + max
            + " secrets, the most it may have; remove one before adding another.");
  }
}
