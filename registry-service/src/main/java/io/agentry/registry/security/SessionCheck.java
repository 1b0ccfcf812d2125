package io.agentry.registry.security;

import io.agentry.registry.service.Sessions;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Refuses a verified token whose credential no longer works (its user's sessions were revoked after
 * it was issued, or the API key it stands for was revoked or expired): one query per request, as
 * for an API key.
 */
@ApplicationScoped
public class SessionCheck implements SecurityIdentityAugmentor {

  private final Sessions sessions;

  public SessionCheck(Sessions sessions) {
    this.sessions = sessions;
  }

  @Override
  public Uni<SecurityIdentity> augment(
      SecurityIdentity identity, AuthenticationRequestContext context) {
    if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
      return Uni.createFrom().item(identity);
    }
    UUID userId;
    try {
      userId = UUID.fromString(jwt.getSubject());
    } catch (IllegalArgumentException | NullPointerException e) {
      return Uni.createFrom()
          .failure(new AuthenticationFailedException("the token's subject is not a user id"));
    }
    return sessions
        .refusal(userId, Callers.generation(jwt), Callers.keyId(jwt))
        .map(
            refusal -> {
              if (refusal.isPresent()) {
                throw new AuthenticationFailedException(refusal.get());
              }
              return identity;
            });
  }
}
