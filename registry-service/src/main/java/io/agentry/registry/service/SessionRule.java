package io.agentry.registry.service;

import io.agentry.registry.repository.CredentialState;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Whether a token the registry signed still stands for a working credential: a token exchanged for
 * an API key lives as long as that key (not revoked, not expired), any other token as long as its
 * user's sessions were not revoked after it was issued. Its signature, audience and expiry are
 * checked where it is verified.
 */
public final class SessionRule {

  private SessionRule() {}

  /**
   * Why the credential no longer works, or empty when it does.
   *
   * @param state what the database holds for the user and key, empty when the user does not exist
   * @param generation the session generation the token carries
   * @param keyId the API key the token stands for, or null
   */
  public static Optional<String> refusal(
      Optional<CredentialState> state, int generation, UUID keyId, Instant now) {
    if (state.isEmpty()) {
      return Optional.of("the user no longer exists");
    }
    CredentialState found = state.get();
    if (keyId != null) {
      if (!found.keyFound() || found.keyRevokedAt() != null) {
        return Optional.of("the API key was revoked");
      }
      if (found.keyExpiresAt() != null && !found.keyExpiresAt().isAfter(now)) {
        return Optional.of("the API key expired at " + found.keyExpiresAt());
      }
      return Optional.empty();
    }
    if (generation < found.tokenGeneration()) {
      return Optional.of("the user's sessions were revoked after this token was issued");
    }
    return Optional.empty();
  }
}
