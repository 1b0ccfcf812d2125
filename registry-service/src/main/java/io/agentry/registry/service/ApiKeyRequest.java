package io.agentry.registry.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentry.registry.problem.ProblemType;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Set;

/**
 * The body of {@code POST /users/me/api-keys}: none, {@code {}}, or {@code {"expiresAt": "<ISO-8601
 * instant>"}}, an instant after now and at most {@link #MAX_LIFETIME} ahead.
 *
 * @param expiresAt when the key stops working, or null for a key that never expires
 */
public record ApiKeyRequest(Instant expiresAt) {

  /** The furthest an expiry may lie ahead. */
  public static final Duration MAX_LIFETIME = Duration.ofDays(3650);

  /** A body read as JSON; null (no body) asks for a key without expiry. */
  public static ApiKeyRequest parse(JsonNode body, Instant now) {
    if (body == null) {
      return new ApiKeyRequest(null);
    }
    JsonFields fields = JsonFields.of(body, ProblemType.INVALID_REQUEST);
    fields.rejectOthers(Set.of("expiresAt"), "is not a field of an API key request");
    String text = fields.text("expiresAt", false);
    Instant expiresAt = null;
    if (text != null) {
      try {
        expiresAt = Instant.parse(text);
        if (!expiresAt.isAfter(now)) {
          fields.error("expiresAt", "must be in the future (now is " + now + ")");
        } else if (expiresAt.isAfter(now.plus(MAX_LIFETIME))) {
          fields.error("expiresAt", "must be at most " + MAX_LIFETIME.toDays() + " days ahead");
        }
      } catch (DateTimeParseException e) {
        fields.error("expiresAt", "must be an ISO-8601 instant such as 2030-01-31T00:00:00Z");
      }
    }
    fields.check();
    return new ApiKeyRequest(expiresAt);
  }
}
