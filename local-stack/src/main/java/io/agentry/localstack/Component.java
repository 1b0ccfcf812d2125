package io.agentry.localstack;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** The servers the local stack can run. */
public enum Component {
  POSTGRES,
  KAFKA,
  S3;

  /** Parses a comma-separated list such as {@code "postgres,kafka"}; blank means all. */
  public static Set<Component> parseList(String list) {
    if (list == null || list.isBlank()) {
      return EnumSet.allOf(Component.class);
    }
    EnumSet<Component> components = EnumSet.noneOf(Component.class);
    for (String name : list.split(",")) {
      String trimmed = name.trim();
      try {
        components.add(valueOf(trimmed.toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "unknown component '" + trimmed + "'; expected postgres, kafka or s3", e);
      }
    }
    return components;
  }

  /** The lower-case name used in file names and messages. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
