package io.agentry.executor.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.UUID;

/**
 * An agent as the registry describes it to executors.
 *
 * @param name the agent's name, its {@code argv[0]}; it never changes for an id
 * @param status {@code active}, {@code deprecated} or {@code disabled}
 * @param binaryHash the lowercase hex SHA-256 of the agent's current binary
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RegisteredAgent(UUID id, String name, String status, String binaryHash) {

  /** The status of an agent that takes new tasks. */
  public static final String ACTIVE = "active";

  public boolean isActive() {
    return ACTIVE.equals(status);
  }
}
