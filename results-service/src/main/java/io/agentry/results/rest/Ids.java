package io.agentry.results.rest;

import io.agentry.results.problem.FieldError;
import io.agentry.results.problem.InvalidQueryException;
import io.agentry.results.problem.NotFoundException;
import java.util.List;
import java.util.UUID;

/** Path ids: anything that is not a UUID names no task, so it is a 404 {@code task-not-found}. */
final class Ids {

  private Ids() {}

  static UUID taskId(String raw) {
    UUID id = parse(raw);
    if (id == null) {
      throw NotFoundException.task(raw);
    }
    return id;
  }

  /** A user id of an internal path: not a UUID is a 400 {@code invalid-query}. */
  static UUID user(String raw) {
    UUID id = parse(raw);
    if (id == null) {
      throw InvalidQueryException.of(List.of(new FieldError("userId", "must be a UUID")));
    }
    return id;
  }

  private static UUID parse(String raw) {
    try {
      UUID id = UUID.fromString(raw);
      if (id.toString().equalsIgnoreCase(raw)) {
        return id;
      }
    } catch (IllegalArgumentException e) {
      // fall through
    }
    return null;
  }
}
