package io.agentry.gateway.security;

import java.time.Instant;
import java.util.UUID;

/**
 * An authenticated caller: the user, and the registry-signed token that the gateway forwards to the
 * services in place of whatever credentials the client sent.
 *
 * @param token a JWT signed by the registry, verified or freshly issued
 * @param expiresAt when {@code token} expires
 */
public record Caller(UUID userId, String token, Instant expiresAt) {

  /** The value of the {@code Authorization} header forwarded downstream. */
  public String authorization() {
    return "Bearer " + token;
  }
}
