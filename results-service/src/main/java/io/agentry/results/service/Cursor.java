package io.agentry.results.service;

import io.agentry.results.problem.InvalidQueryException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.UUID;

/**
 * Where the next page starts: the list it belongs to, the last row's time (in microseconds, the
 * database's precision) and its id, as opaque base64url text. A cursor is only accepted by the list
 * it was made for; anything that does not decode is a 400 {@code invalid-cursor}.
 */
public record Cursor(String list, Instant at, UUID id) {

  /** The list of tasks. */
  public static final String TASKS = "tasks";

  /** The list of results. */
  public static final String RESULTS = "results";

  private static final String VERSION = "r1";
  private static final String SEPARATOR = "\n";

  public String encode() {
    long micros = ChronoUnit.MICROS.between(Instant.EPOCH, at);
    String text = String.join(SEPARATOR, VERSION, list, Long.toString(micros), id.toString());
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  /** The cursor in {@code text}, which must have been made for {@code list}. */
  public static Cursor decode(String text, String list) {
    try {
      String decoded = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
      String[] parts = decoded.split(SEPARATOR, -1);
      if (parts.length != 4 || !VERSION.equals(parts[0])) {
        throw InvalidQueryException.cursor("it was not made by this service");
      }
      if (!list.equals(parts[1])) {
        throw InvalidQueryException.cursor("it belongs to another list than " + list);
      }
      UUID id = UUID.fromString(parts[3]);
      if (!id.toString().equals(parts[3])) {
        throw InvalidQueryException.cursor("it was not made by this service");
      }
      Instant at = Instant.EPOCH.plus(Long.parseLong(parts[2]), ChronoUnit.MICROS);
      return new Cursor(list, at, id);
    } catch (IllegalArgumentException | DateTimeException | ArithmeticException e) {
      throw InvalidQueryException.cursor("it was not made by this service");
    }
  }
}
