package io.agentry.wire;

import java.util.Optional;
import java.util.UUID;

/**
 * A Kafka record that is not a valid message. {@link #reason()} says what is wrong in words a
 * person can act on (it is also the message); the ids are present whenever they could be read, so
 * that a bad task can still get a REJECTED event.
 */
public final class WireFormatException extends RuntimeException {
  private final String reason;
  private final UUID taskId;
  private final UUID agentId;
  private final UUID userId;

  public WireFormatException(String reason) {
    this(reason, null, null, null);
  }

  /** Any of the ids may be null when it could not be read. */
  public WireFormatException(String reason, UUID taskId, UUID agentId, UUID userId) {
    super(reason);
    this.reason = reason;
    this.taskId = taskId;
    this.agentId = agentId;
    this.userId = userId;
  }

  /** What is wrong, e.g. {@code missing field 'taskId'}. */
  public String reason() {
    return reason;
  }

  /** The record's taskId, when it was a well-formed UUID. */
  public Optional<UUID> taskId() {
    return Optional.ofNullable(taskId);
  }

  /** The record's agentId, when it was a well-formed UUID. */
  public Optional<UUID> agentId() {
    return Optional.ofNullable(agentId);
  }

  /** The record's userId, when it was a well-formed UUID. */
  public Optional<UUID> userId() {
    return Optional.ofNullable(userId);
  }
}
