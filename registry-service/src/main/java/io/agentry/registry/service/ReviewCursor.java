package io.agentry.registry.service;

import io.agentry.registry.Review;
import io.agentry.registry.problem.InvalidInputException;
import io.agentry.registry.problem.ProblemType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.UUID;

/**
 * Where the next page of an agent's reviews starts: the last review's time (microseconds, as
 * PostgreSQL keeps it) and its author, as opaque base64url text; anything that does not decode is a
 * 400 {@code invalid-cursor}.
 */
public record ReviewCursor(OffsetDateTime ratedAt, UUID userId) {

  private static final String VERSION = "r1";
  private static final String SEPARATOR = "\n";
  // Beyond any review's time and within PostgreSQL's range (a larger one was a 500 there).
  private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

  /** The cursor that continues after {@code review}. */
  public static ReviewCursor after(Review review) {
    return new ReviewCursor(review.ratedAt().atOffset(ZoneOffset.UTC), review.userId());
  }

  public String encode() {
    long micros = ChronoUnit.MICROS.between(Instant.EPOCH, ratedAt.toInstant());
    String text = String.join(SEPARATOR, VERSION, Long.toString(micros), userId.toString());
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  /** The cursor in {@code text}, or null when there is none. */
  public static ReviewCursor decode(String text) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    try {
      String decoded = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
      String[] parts = decoded.split(SEPARATOR, -1);
      if (parts.length != 3 || !VERSION.equals(parts[0])) {
        throw invalid();
      }
      UUID userId = UUID.fromString(parts[2]);
      if (!userId.toString().equals(parts[2])) {
        throw invalid();
      }
      Instant at = Instant.EPOCH.plus(Long.parseLong(parts[1]), ChronoUnit.MICROS);
      if (at.isBefore(Instant.EPOCH) || at.isAfter(LATEST)) {
        throw invalid();
      }
      return new ReviewCursor(OffsetDateTime.ofInstant(at, ZoneOffset.UTC), userId);
    } catch (IllegalArgumentException | java.time.DateTimeException | ArithmeticException e) {
      throw invalid();
    }
  }

  private static InvalidInputException invalid() {
    return new InvalidInputException(
        ProblemType.INVALID_CURSOR,
        "The cursor is not valid: it was not made by this service. Use the nextCursor of the"
            + " previous page as is.");
  }
}
