package io.agentry.cli;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a person names an agent: {@code ID}, {@code NAME}, {@code OWNER/NAME}, {@code
 * OWNER/NAME@VERSION} (or {@code NAME@VERSION}). Each part follows the platform's rules, so a
 * malformed reference is a usage error before anything is asked.
 *
 * @param id the agent's id, or null when it is named
 * @param owner the owner's username, or null
 * @param version the version, or null for the newest active one
 */
record AgentReference(UUID id, String owner, String name, String version) {

  static final String FORMS = "ID, NAME, OWNER/NAME or OWNER/NAME@VERSION";

  private static final Pattern REFERENCE =
      Pattern.compile(
          "(?:(?<owner>[A-Za-z0-9_.-]{3,64})/)?(?<name>[a-z0-9][a-z0-9._-]{0,63})"
              + "(?:@(?<version>[0-9A-Za-z.+-]{1,128}))?");

  static AgentReference parse(String text) {
    Optional<UUID> id = uuid(text);
    if (id.isPresent()) {
      return new AgentReference(id.get(), null, null, null);
    }
    Matcher parts = REFERENCE.matcher(text);
    if (!parts.matches()) {
      throw CliException.usage(
          "'"
              + text
              + "' is not an agent: give "
              + FORMS
              + " (names are 1-64 of a-z, 0-9, '.', '_', '-')");
    }
    return new AgentReference(
        null, parts.group("owner"), parts.group("name"), parts.group("version"));
  }

  /** The reference as a person wrote it, e.g. {@code alice/json-pretty@1.2.0}. */
  @Override
  public String toString() {
    if (id != null) {
      return id.toString();
    }
    return (owner == null ? "" : owner + "/") + name + (version == null ? "" : "@" + version);
  }

  /** A task id, or a usage error. */
  static UUID taskId(String text) {
    return uuid(text)
        .orElseThrow(() -> CliException.usage("a task id is a UUID, not '" + text + "'"));
  }

  private static Optional<UUID> uuid(String text) {
    try {
      UUID id = UUID.fromString(text);
      return id.toString().equalsIgnoreCase(text) ? Optional.of(id) : Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
