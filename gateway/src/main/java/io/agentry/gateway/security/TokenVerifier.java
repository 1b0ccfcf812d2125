package io.agentry.gateway.security;

import io.agentry.gateway.ExpiringCache;
import io.agentry.gateway.config.GatewayConfig;
import io.agentry.gateway.problem.GatewayException;
import io.agentry.gateway.problem.ProblemType;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Verifies registry-signed JWTs locally with smallrye-jwt (signature against the registry's JWKS,
 * issuer, expiry). Verification may fetch the key set over HTTP, so it runs off the event loop; a
 * verified token is remembered until it expires, so a client reusing its token costs nothing.
 */
@ApplicationScoped
public class TokenVerifier {

  private final JWTParser parser;
  private final Vertx vertx;
  private final ExpiringCache<String, Caller> verified;

  public TokenVerifier(JWTParser parser, Vertx vertx, GatewayConfig config) {
    this.parser = parser;
    this.vertx = vertx;
    this.verified = new ExpiringCache<>(config.auth().cacheSize(), Clock.systemUTC());
  }

  /** The caller of {@code token}; fails with {@code unauthorized} when it does not verify. */
  public Uni<Caller> verify(String token) {
    Caller known = verified.get(token);
    if (known != null) {
      return Uni.createFrom().item(known);
    }
    return Uni.createFrom()
        .completionStage(() -> vertx.executeBlocking(() -> parse(token), false).toCompletionStage())
        .invoke(caller -> verified.put(token, caller, caller.expiresAt()));
  }

  private Caller parse(String token) {
    try {
      JsonWebToken jwt = parser.parse(token);
      UUID userId = UUID.fromString(jwt.getSubject());
      return new Caller(userId, token, Instant.ofEpochSecond(jwt.getExpirationTime()));
    } catch (ParseException | IllegalArgumentException | NullPointerException e) {
      throw new GatewayException(
          ProblemType.UNAUTHORIZED, "The token is invalid, expired or not issued by Agentry.");
    }
  }
}
