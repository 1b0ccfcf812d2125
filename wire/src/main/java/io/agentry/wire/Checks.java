package io.agentry.wire;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The value rules shared by the record constructors and the decoder, so that Java code cannot build
 * a message the codec would refuse. Failures are {@link IllegalArgumentException}s whose message is
 * the reason the decoder reports.
 */
final class Checks {
  private static final int SHA256_HEX_CHARS = 64;

  private Checks() {}

  static <T> T present(T value, String field) {
    if (value == null) {
      throw new IllegalArgumentException("missing field '" + field + "'");
    }
    return value;
  }

  static void specVersion(long version) {
    if (version != TaskLimits.SPEC_VERSION) {
      throw new IllegalArgumentException(unsupportedVersion(Long.toString(version)));
    }
  }

  static String unsupportedVersion(String version) {
    return "unsupported specVersion "
        + version
        + " (this version reads "
        + TaskLimits.SPEC_VERSION
        + ")";
  }

  /**
   * A timestamp within {@link TaskLimits#EARLIEST_TIMESTAMP} and {@link
   * TaskLimits#LATEST_TIMESTAMP}.
   */
  static Instant timestamp(String field, Instant value) {
    present(value, field);
    if (value.isBefore(TaskLimits.EARLIEST_TIMESTAMP)
        || value.isAfter(TaskLimits.LATEST_TIMESTAMP)) {
      throw new IllegalArgumentException(timestampRangeMessage(field, value.toString()));
    }
    return value;
  }

  static String timestampRangeMessage(String field, String was) {
    return "field '"
        + field
        + "' must be a timestamp from "
        + TaskLimits.EARLIEST_TIMESTAMP
        + " to 9999-12-31T23:59:59.999999999Z, was "
        + was;
  }

  static void inRange(String field, long value, long min, long max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(rangeMessage(field, min, max, Long.toString(value)));
    }
  }

  static String rangeMessage(String field, long min, long max, String was) {
    String range;
    if (min == Integer.MIN_VALUE && max == Integer.MAX_VALUE) {
      range = "a 32-bit integer";
    } else if (max == Integer.MAX_VALUE || max == Long.MAX_VALUE) {
      range = "an integer of at least " + min;
    } else {
      range = "an integer from " + min + " to " + max;
    }
    return "field '" + field + "' must be " + range + ", was " + was;
  }

  static void maxBytes(String field, long size, long max) {
    if (size > max) {
      throw new IllegalArgumentException(
          "field '" + field + "' must be at most " + max + " bytes, was " + size);
    }
  }

  /** Checks a string's UTF-8 size; {@code subject} names it, e.g. {@code field 'result.error'}. */
  static void text(String subject, String value, int maxUtf8Bytes) {
    TaskRules.textProblem(value, maxUtf8Bytes)
        .ifPresent(
            problem -> {
              throw new IllegalArgumentException(subject + " " + problem);
            });
  }

  /**
   * Like {@link #text}, and free of NUL characters: the consumers keep these strings in PostgreSQL
   * text columns, which cannot hold a NUL, so one would make the event impossible to record.
   */
  static void storedText(String subject, String value, int maxUtf8Bytes) {
    text(subject, value, maxUtf8Bytes);
    noNul(subject, value);
  }

  private static void noNul(String subject, String value) {
    if (value.indexOf('\0') >= 0) {
      throw new IllegalArgumentException(subject + " must not contain a NUL character");
    }
  }

  static List<String> args(List<String> args) {
    present(args, "args");
    firstViolation(TaskRules.args(args));
    return List.copyOf(args);
  }

  /** Validates and copies, keeping the caller's order. */
  static Map<String, String> env(Map<String, String> env) {
    present(env, "env");
    firstViolation(TaskRules.env(env));
    return Collections.unmodifiableMap(new LinkedHashMap<>(env));
  }

  static void inRange(TaskRules.Range range, long value) {
    firstViolation(range.check(value).stream().toList());
  }

  private static void firstViolation(List<TaskRules.Violation> violations) {
    if (!violations.isEmpty()) {
      throw new IllegalArgumentException(violations.get(0).reason());
    }
  }

  static String envValueSubject(String key) {
    return TaskRules.envValueSubject(key);
  }

  static void binaryHash(String hash) {
    if (hash != null && !isSha256Hex(hash)) {
      throw new IllegalArgumentException(
          "field 'binaryHash' must be 64 lowercase hex characters (a SHA-256), was "
              + preview(hash));
    }
  }

  /**
   * Parses only the canonical 8-4-4-4-12 form, which {@link UUID#fromString} does not insist on.
   */
  static UUID canonicalUuid(String text) {
    if (text.length() != 36) {
      return null;
    }
    // Every id of every record passes here: a loop, not a regular expression, which cost a
    // tenth of the results service's CPU under load.
    for (int i = 0; i < 36; i++) {
      char c = text.charAt(i);
      boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
      if (dash ? c != '-' : !isHexDigit(c) && !(c >= 'A' && c <= 'F')) {
        return null;
      }
    }
    return UUID.fromString(text);
  }

  /** 64 lowercase hex characters. */
  static boolean isSha256Hex(String text) {
    if (text.length() != SHA256_HEX_CHARS) {
      return false;
    }
    for (int i = 0; i < SHA256_HEX_CHARS; i++) {
      if (!isHexDigit(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** 0-9 or a-f. */
  private static boolean isHexDigit(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
  }

  /** A quoted, shortened copy of {@code text} for error messages. */
  static String preview(String text) {
    return TaskRules.preview(text);
  }
}
