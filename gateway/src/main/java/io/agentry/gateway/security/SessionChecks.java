package io.agentry.gateway.security;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.agentry.gateway.client.RegistryClient;
import io.agentry.gateway.config.GatewayConfig;
import io.agentry.gateway.problem.GatewayException;
import io.agentry.gateway.problem.ProblemType;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;

/**
 * Whether a login token's session still stands: the registry's answer for (user, session
 * generation) is kept for {@code auth.session-check-ttl} (Caffeine), so a user revoking all their
 * sessions is refused at other gateway replicas within that time, and at once at the replica the
 * revocation passed through ({@link #forget}).
 */
@ApplicationScoped
public class SessionChecks {

  private record Session(UUID userId, int generation, UUID keyId) {}

  private final RegistryClient registry;
  private final AsyncCache<Session, Optional<String>> answers;

  public SessionChecks(RegistryClient registry, GatewayConfig config) {
    this.registry = registry;
    this.answers =
        Caffeine.newBuilder()
            .maximumSize(config.auth().cacheSize())
            .expireAfterWrite(config.auth().sessionCheckTtl())
            .buildAsync();
  }

  /** The caller, or a failure with {@code unauthorized} and the registry's reason. */
  public Uni<Caller> check(Caller caller, int generation, UUID keyId) {
    Session session = new Session(caller.userId(), generation, keyId);
    return Uni.createFrom()
        .completionStage(
            () ->
                answers.get(
                    session,
                    (key, executor) ->
                        registry
                            .sessionRefusal(key.userId(), key.generation(), key.keyId())
                            .subscribeAsCompletionStage()))
        .map(
            refusal -> {
              if (refusal.isPresent()) {
                throw new GatewayException(
                    ProblemType.UNAUTHORIZED,
                    "The token is no longer accepted: " + refusal.get() + ". Log in again.");
              }
              return caller;
            });
  }

  /**
   * Forgets what this gateway knows of the user's sessions (they are being revoked), answers still
   * being asked for included: the async view holds those, the synchronous one would skip them.
   */
  public void forget(UUID userId) {
    answers.asMap().keySet().removeIf(session -> session.userId().equals(userId));
  }
}
