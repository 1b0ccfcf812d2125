package io.agentry.gateway.web;

import io.agentry.gateway.ExpiringCache;
import io.agentry.gateway.security.Caller;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Opens, finds and closes browser sessions. A session lasts as long as the login token it holds
 * (the registry's login lifetime, 1 h by default); a sign-out deletes it at once for every replica,
 * and replicas that looked it up recently stop honouring it within {@code session-cache-ttl}.
 */
@ApplicationScoped
public class WebSessions {

  private static final Logger LOG = Logger.getLogger(WebSessions.class);

  private final SessionRepository repository;
  private final ExpiringCache<String, WebSession> recent;
  private final Duration cacheTtl;
  private final Clock clock = Clock.systemUTC();

  public WebSessions(SessionRepository repository, WebConfig config) {
    this.repository = repository;
    this.cacheTtl = config.sessionCacheTtl();
    this.recent = new ExpiringCache<>(config.sessionCacheSize(), clock);
  }

  /** Opens a session for {@code caller}, whose token came from a sign-in just now. */
  Uni<SessionSecret> open(Caller caller, String username) {
    SessionSecret secret = SessionSecret.random();
    SessionRepository.StoredSession stored =
        new SessionRepository.StoredSession(
            caller.userId(), username, secret.seal(caller.token()), caller.expiresAt());
    return repository.insert(secret.idHash(), stored).replaceWith(secret);
  }

  /** The live session of {@code secret}; empty when it never existed, ended or expired. */
  Uni<Optional<WebSession>> find(SessionSecret secret) {
    String key = secret.cookieValue();
    WebSession known = recent.get(key);
    if (known != null) {
      return Uni.createFrom().item(Optional.of(known));
    }
    return repository
        .find(secret.idHash())
        .map(stored -> stored.flatMap(row -> session(secret, row)))
        .invoke(
            found ->
                found.ifPresent(
                    session -> {
                      Instant until = clock.instant().plus(cacheTtl);
                      recent.put(
                          key,
                          session,
                          until.isBefore(session.expiresAt()) ? until : session.expiresAt());
                    }));
  }

  /** Ends the session of {@code secret}, here at once and at other replicas within the TTL. */
  Uni<Void> close(SessionSecret secret) {
    recent.remove(secret.cookieValue());
    return repository.delete(secret.idHash());
  }

  private static Optional<WebSession> session(
      SessionSecret secret, SessionRepository.StoredSession row) {
    return secret
        .unseal(row.sealedToken())
        .map(
            token ->
                new WebSession(
                    row.userId(), row.username(), token, row.expiresAt(), secret.csrfToken()));
  }

  @Scheduled(every = "1h", delayed = "1m")
  Uni<Void> purgeExpired() {
    return repository
        .purgeExpired()
        .invoke(count -> LOG.debugf("Purged %d expired web sessions", count))
        .onFailure()
        .invoke(e -> LOG.warn("Could not purge expired web sessions", e))
        .onFailure()
        .recoverWithNull()
        .replaceWithVoid();
  }
}
