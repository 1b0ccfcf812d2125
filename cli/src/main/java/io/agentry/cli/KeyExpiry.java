package io.agentry.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads {@code keys create --expires}: an ISO-8601 instant, or minutes, hours or days from now. */
final class KeyExpiry {

  private static final Pattern FROM_NOW = Pattern.compile("([1-9][0-9]{0,5})([mhd])");

  private KeyExpiry() {}

  static Instant parse(String text, Instant now) {
    Matcher fromNow = FROM_NOW.matcher(text.trim());
    if (fromNow.matches()) {
      long amount = Long.parseLong(fromNow.group(1));
      Duration unit =
          switch (fromNow.group(2)) {
            case "m" -> Duration.ofMinutes(1);
            case "h" -> Duration.ofHours(1);
            default -> Duration.ofDays(1);
          };
      return now.plus(unit.multipliedBy(amount));
    }
    try {
      return Instant.parse(text.trim());
    } catch (DateTimeParseException e) {
      throw CliException.usage(
          "--expires takes an ISO-8601 instant such as 2030-01-31T00:00:00Z or a time from now"
              + " such as 90m, 12h or 30d, not '"
              + text
              + "'");
    }
  }
}
