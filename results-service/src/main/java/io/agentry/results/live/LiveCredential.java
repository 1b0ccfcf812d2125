package io.agentry.results.live;

import java.time.Instant;
import java.util.UUID;

/**
 * The credential a live stream was opened with, as its token names it: the user, the session
 * generation, the API key it was exchanged for (null for a login token) and the token's expiry
 * (which ends a login token's stream; a key's stream lives as long as the key).
 */
public record LiveCredential(UUID userId, int generation, UUID keyId, Instant tokenExpiresAt) {

  /** The session the registry is asked about (without the token's expiry). */
  record Session(UUID userId, int generation, UUID keyId) {}

  Session session() {
    return new Session(userId, generation, keyId);
  }

  /** True when the stream lives by the token's own expiry (a login token). */
  boolean expired(Instant now) {
    return keyId == null && !tokenExpiresAt.isAfter(now);
  }
}
