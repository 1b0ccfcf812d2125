package io.agentry.gateway.web;

import io.agentry.gateway.security.Caller;
import java.time.Instant;
import java.util.UUID;

/**
 * A signed-in browser: the user, and the registry's login token the gateway forwards for it (the
 * same identity a bearer token gives). It ends when the token expires, or at sign-out.
 *
 * @param csrfToken what every state-changing request of the session must carry
 */
public record WebSession(
    UUID userId, String username, String token, Instant expiresAt, String csrfToken) {

  public Caller caller() {
    return new Caller(userId, token, expiresAt);
  }
}
