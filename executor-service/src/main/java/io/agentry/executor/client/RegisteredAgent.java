package io.agentry.executor.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.agentry.sandbox.http.HttpPermissions;
import java.util.List;
import java.util.UUID;

/**
 * An agent as the registry describes it to executors.
 *
 * @param name the agent's name, its {@code argv[0]}; it never changes for an id
 * @param status {@code active}, {@code deprecated} or {@code disabled}
 * @param binaryHash the lowercase hex SHA-256 of the agent's current binary
 * @param permissions what the agent's current binary may do (null from a registry without them:
 *     nothing)
 * @param binaryVersion when asked with a binary's hash: the version of this agent (same owner and
 *     name) holding that binary, or null when none does
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RegisteredAgent(
    UUID id,
    String name,
    String status,
    String binaryHash,
    Permissions permissions,
    Version binaryVersion) {

  /** An agent without permissions (tests, and registries that predate them). */
  public RegisteredAgent(
      UUID id, String name, String status, String binaryHash, Version binaryVersion) {
    this(id, name, status, binaryHash, null, binaryVersion);
  }

  /**
   * What an agent version may do outside its sandbox.
   *
   * @param http the origins it may call over outbound HTTP
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Permissions(List<String> http) {

    /** The sandbox's form; null means none. */
    public static HttpPermissions toHttp(Permissions permissions) {
      return permissions == null ? HttpPermissions.none() : HttpPermissions.of(permissions.http());
    }
  }

  /**
   * A version of an agent.
   *
   * @param id the version's agent id
   * @param status {@code active}, {@code deprecated} or {@code disabled}
   * @param permissions what that version's binary may do (null: nothing)
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Version(UUID id, String status, Permissions permissions) {

    public Version(UUID id, String status) {
      this(id, status, null);
    }

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
