package io.agentry.gateway.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;

/**
 * What the pages know of their session: whether they are signed in, as whom, until when, and the
 * CSRF token their state-changing requests carry. {@code apiKey} only in the answer to a sign-up
 * (the new user's first key, shown once).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SessionView(
    boolean signedIn,
    UUID userId,
    String username,
    Instant expiresAt,
    String csrfToken,
    String apiKey) {

  static final SessionView SIGNED_OUT = new SessionView(false, null, null, null, null, null);

  static SessionView of(WebSession session) {
    return new SessionView(
        true, session.userId(), session.username(), session.expiresAt(), session.csrfToken(), null);
  }

  SessionView withApiKey(String key) {
    return new SessionView(signedIn, userId, username, expiresAt, csrfToken, key);
  }
}
