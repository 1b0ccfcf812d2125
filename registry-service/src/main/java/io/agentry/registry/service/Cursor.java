package io.agentry.registry.service;

import io.agentry.registry.AgentSort;
import io.agentry.registry.problem.InvalidInputException;
import io.agentry.registry.problem.ProblemType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.UUID;

/**
 * Where the next page starts: the sort, the last row's sort value and its id, as opaque base64url
 * text. A cursor is only accepted for the sort it was made for; anything that does not decode is a
 * 400 {@code invalid-cursor}.
 */
public record Cursor(AgentSort sort, Object key, UUID id) {

  private static final String VERSION = "c1";
  private static final String SEPARATOR = "\n";
  private static final BigDecimal MAX_RATING = new BigDecimal("5.00");

  public String encode() {
    String text = String.join(SEPARATOR, VERSION, sort.wireName(), keyText(), id.toString());
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  /** The cursor in {@code text}, which must have been made for {@code sort}. */
  public static Cursor decode(String text, AgentSort sort) {
    try {
      String decoded = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
      String[] parts = decoded.split(SEPARATOR, -1);
      if (parts.length != 4 || !VERSION.equals(parts[0])) {
        throw invalid("it was not made by this service");
      }
      if (!sort.wireName().equals(parts[1])) {
        throw invalid("it belongs to another order than " + sort.wireName());
      }
      UUID id = UUID.fromString(parts[3]);
      if (!id.toString().equals(parts[3])) {
        throw invalid("it was not made by this service");
      }
      return new Cursor(sort, parseKey(sort, parts[2]), id);
    } catch (IllegalArgumentException | java.time.DateTimeException | ArithmeticException e) {
      throw invalid("it was not made by this service");
    }
  }

  private String keyText() {
    return switch (sort) {
      case CREATED_AT -> {
        Instant at = ((OffsetDateTime) key).toInstant();
        yield Long.toString(ChronoUnit.MICROS.between(Instant.EPOCH, at));
      }
      case RATING -> ((BigDecimal) key).toPlainString();
      case TASKS_COMPLETED, POPULAR -> key.toString();
      case NAME, VERSION -> (String) key;
      case RELEVANCE -> Float.toString((Float) key);
    };
  }

  private static Object parseKey(AgentSort sort, String text) {
    return switch (sort) {
      case CREATED_AT ->
          OffsetDateTime.ofInstant(
              Instant.EPOCH.plus(Long.parseLong(text), ChronoUnit.MICROS), ZoneOffset.UTC);
      case RATING -> {
        // A rating is numeric(3,2): 0.00 to 5.00. Others overflowed in PostgreSQL (a 500).
        BigDecimal rating = new BigDecimal(text);
        if (!AgentQuery.isModest(rating)
            || rating.signum() < 0
            || rating.compareTo(MAX_RATING) > 0
            || rating.scale() > 2) {
          throw new IllegalArgumentException("bad rating");
        }
        yield rating;
      }
      case TASKS_COMPLETED -> Long.parseLong(text);
      case POPULAR -> Integer.parseInt(text);
      case NAME, VERSION -> {
        if (text.isEmpty() || text.length() > 256 || !AgentRules.isStorableText(text)) {
          throw new IllegalArgumentException("bad key");
        }
        yield text;
      }
      case RELEVANCE -> {
        float rank = Float.parseFloat(text);
        if (!Float.isFinite(rank) || text.contains("x") || text.contains("X")) {
          throw new IllegalArgumentException("bad rank");
        }
        yield rank;
      }
    };
  }

  private static InvalidInputException invalid(String why) {
    return new InvalidInputException(
        ProblemType.INVALID_CURSOR,
        "The cursor is not valid: " + why + ". Use the nextCursor of the previous page as is.");
  }
}
