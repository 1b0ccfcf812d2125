package io.agentry.registry;

import java.util.Locale;
import java.util.Optional;

/** Where an agent is in its life; {@code disabled} is what DELETE leaves behind. */
public enum AgentStatus {
  ACTIVE,
  DEPRECATED,
  DISABLED;

  /** The lowercase name used in JSON and in the database. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<AgentStatus> fromWire(String text) {
    for (AgentStatus status : values()) {
      if (status.wireName().equals(text)) {
        return Optional.of(status);
      }
    }
    return Optional.empty();
  }
}
