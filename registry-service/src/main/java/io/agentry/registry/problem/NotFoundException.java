package io.agentry.registry.problem;

/** A 404 for an agent or an API key that does not exist (or is not the caller's). */
public class NotFoundException extends RegistryException {

  private NotFoundException(ProblemType type, String detail) {
    super(type, detail);
  }

  public static NotFoundException agent(Object id) {
    return new NotFoundException(ProblemType.AGENT_NOT_FOUND, "No agent with id " + id + ".");
  }

  public static NotFoundException secret(Object agentId, String name) {
    return new NotFoundException(
        ProblemType.SECRET_NOT_FOUND, "Agent " + agentId + " has no secret named " + name + ".");
  }

  public static NotFoundException apiKey(Object id) {
    return new NotFoundException(ProblemType.API_KEY_NOT_FOUND, "No API key with id " + id + ".");
  }
}
