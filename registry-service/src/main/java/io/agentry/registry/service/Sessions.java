package io.agentry.registry.service;

import io.agentry.registry.repository.ApiKeyRepository;
import io.agentry.registry.repository.UserRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The state of users' sessions and keys behind the tokens the registry signed ({@link
 * SessionRule}), and revoking all of a user's sessions.
 */
@ApplicationScoped
public class Sessions {

  private final ApiKeyRepository apiKeys;
  private final UserRepository users;

  public Sessions(ApiKeyRepository apiKeys, UserRepository users) {
    this.apiKeys = apiKeys;
    this.users = users;
  }

  /** Why a token of this user, generation and key no longer works, or empty when it does. */
  public Uni<Optional<String>> refusal(UUID userId, int generation, UUID keyId) {
    return apiKeys
        .state(userId, keyId)
        .map(state -> SessionRule.refusal(state, generation, keyId, Instant.now()));
  }

  /** Every login token of the user issued so far (and every token exchanged from one) fails. */
  public Uni<Integer> revokeAll(UUID userId) {
    return users.raiseTokenGeneration(userId);
  }
}
