package io.agentry.registry;

import java.util.Locale;
import java.util.Optional;

/**
 * Where an agent version is in its life. {@code active} and {@code deprecated} (a warning: use a
 * newer version) take new tasks; {@code yanked} takes none (its tasks already queued still run) and
 * leaves search; {@code disabled} is what DELETE leaves behind, and its tasks do not run.
 */
public enum AgentStatus {
  ACTIVE,
  DEPRECATED,
  YANKED,
  DISABLED;

  /** How the statuses are listed in error details. */
  public static final String CHOICES = "active, deprecated, yanked or disabled";

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
