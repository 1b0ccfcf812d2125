package io.agentry.registry.rest;

import io.agentry.registry.problem.NotFoundException;
import java.util.UUID;
import java.util.function.Function;

/** Path ids: anything that is not a UUID names nothing, so it is a 404 of the right kind. */
final class Ids {

  private Ids() {}

  static UUID parse(String raw, Function<String, NotFoundException> notFound) {
    try {
      if (raw.length() == 36) {
        return UUID.fromString(raw);
      }
    } catch (IllegalArgumentException e) {
      // fall through
    }
    throw notFound.apply(raw);
  }

  static UUID agentId(String raw) {
    return parse(raw, NotFoundException::agent);
  }
}
