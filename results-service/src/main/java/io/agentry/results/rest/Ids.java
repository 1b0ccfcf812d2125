package io.agentry.results.rest;

import io.agentry.results.problem.NotFoundException;
import java.util.UUID;

/** Path ids: anything that is not a UUID names no task, so it is a 404 {@code task-not-found}. */
final class Ids {

  private Ids() {}

  static UUID taskId(String raw) {
    try {
      UUID id = UUID.fromString(raw);
      if (id.toString().equalsIgnoreCase(raw)) {
        return id;
      }
    } catch (IllegalArgumentException e) {
      // fall through
    }
    throw NotFoundException.task(raw);
  }
}
