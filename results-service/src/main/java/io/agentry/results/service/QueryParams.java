package io.agentry.results.service;

import io.agentry.results.problem.FieldError;
import io.agentry.results.problem.InvalidQueryException;
import io.agentry.results.repository.GroupBy;
import io.agentry.wire.TaskStatus;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Reads query parameters, collecting every problem so that one 400 {@code invalid-query} lists them
 * all. An absent or empty parameter reads as null.
 */
final class QueryParams {

  /** Page sizes, as for every list of the API. */
  static final int DEFAULT_LIMIT = 20;

  static final int MAX_LIMIT = 100;

  private final List<FieldError> errors = new ArrayList<>();

  int limit(String raw) {
    if (blank(raw)) {
      return DEFAULT_LIMIT;
    }
    try {
      int limit = Integer.parseInt(raw.trim());
      if (limit >= 1 && limit <= MAX_LIMIT) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    errors.add(new FieldError("limit", "must be a whole number from 1 to " + MAX_LIMIT));
    return DEFAULT_LIMIT;
  }

  UUID uuid(String name, String raw) {
    if (blank(raw)) {
      return null;
    }
    try {
      UUID id = UUID.fromString(raw.trim());
      if (id.toString().equalsIgnoreCase(raw.trim())) {
        return id;
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    errors.add(new FieldError(name, "must be a UUID"));
    return null;
  }

  /** A status among {@code allowed}; case does not matter. */
  TaskStatus status(String raw, List<TaskStatus> allowed) {
    if (blank(raw)) {
      return null;
    }
    try {
      TaskStatus status = TaskStatus.valueOf(raw.trim().toUpperCase(Locale.ROOT));
      if (allowed.contains(status)) {
        return status;
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    errors.add(
        new FieldError(
            "status",
            "must be one of "
                + allowed.stream().map(Enum::name).collect(Collectors.joining(", "))));
    return null;
  }

  /** An ISO-8601 instant with a zone or offset, e.g. {@code 2026-01-31T12:00:00Z}. */
  Instant instant(String name, String raw) {
    if (blank(raw)) {
      return null;
    }
    try {
      return OffsetDateTime.parse(raw.trim()).toInstant();
    } catch (DateTimeException e) {
      errors.add(
          new FieldError(name, "must be an ISO-8601 time with an offset, e.g. 2026-01-31T12:00Z"));
      return null;
    }
  }

  /**
   * An ISO-8601 instant with a zone or offset, or a date {@code 2026-01-31} meaning its start in
   * UTC.
   */
  Instant instantOrDate(String name, String raw) {
    if (blank(raw)) {
      return null;
    }
    try {
      return LocalDate.parse(raw.trim()).atStartOfDay(ZoneOffset.UTC).toInstant();
    } catch (DateTimeException e) {
      return instant(name, raw);
    }
  }

  GroupBy groupBy(String raw) {
    if (blank(raw)) {
      return GroupBy.AGENT;
    }
    return GroupBy.of(raw)
        .orElseGet(
            () -> {
              errors.add(new FieldError("groupBy", "must be agent or day"));
              return GroupBy.AGENT;
            });
  }

  void check(boolean ok, String field, String message) {
    if (!ok) {
      errors.add(new FieldError(field, message));
    }
  }

  /** Throws the collected problems, if any. */
  void done() {
    if (!errors.isEmpty()) {
      throw InvalidQueryException.of(errors);
    }
  }

  static List<TaskStatus> all() {
    return Arrays.asList(TaskStatus.values());
  }

  static List<TaskStatus> terminal() {
    return Arrays.stream(TaskStatus.values()).filter(TaskStatus::isTerminal).toList();
  }

  private static boolean blank(String raw) {
    return raw == null || raw.isBlank();
  }
}
