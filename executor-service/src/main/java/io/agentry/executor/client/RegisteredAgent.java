package io.agentry.executor.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.UUID;

/**
 * An agent as the registry describes it to executors.
 *
 * @param name the agent's name, its {@code argv[0]}; it never changes for an id
 * @param status {@code active}, {@code deprecated} or {@code disabled}
 * @param binaryHash the lowercase hex SHA-256 of the agent's current binary
 * @param binaryVersion when asked with a binary's hash: the version of this agent (same owner and
 *     name) holding that binary, or null when none does
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RegisteredAgent(
    UUID id, String name, String status, String binaryHash, Version binaryVersion) {

  /**
   * A version of an agent.
   *
   * @param id the version's agent id
   * @param status {@code active}, {@code deprecated} or {@code disabled}
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Version(UUID id, String status) {

    public boolean isActive() {
      return ACTIVE.equals(status);
    }
  }

  /** The status of an agent that takes new tasks. */
  public static final String ACTIVE = "active";

  public boolean isActive() {
    return ACTIVE.equals(status);
  }
}
