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
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Verifies registry-signed JWTs locally with smallrye-jwt (signature against the registry's JWKS,
 * issuer, audience, expiry), then asks {@link SessionChecks} whether the user's sessions were
 * revoked since the token was issued. Verification may fetch the key set over HTTP, so it runs off
 * the event loop; a verified token is remembered until it expires, so a client reusing its token
 * costs nothing but the (cached) session check.
 */
@ApplicationScoped
public class TokenVerifier {

  /** The claim with the session generation the registry issued the token under. */
  static final String GENERATION = "gen";

  /** The claim naming the API key a token was exchanged for. */
  static final String KEY_ID = "keyId";

  private final JWTParser parser;
  private final Vertx vertx;
  private final SessionChecks sessions;
  private final ExpiringCache<String, Verified> verified;

  /** A token that verified, with the session it belongs to. */
  private record Verified(Caller caller, int generation, UUID keyId) {}

  public TokenVerifier(
      JWTParser parser, Vertx vertx, SessionChecks sessions, GatewayConfig config) {
    this.parser = parser;
    this.vertx = vertx;
    this.sessions = sessions;
    this.verified = new ExpiringCache<>(config.auth().cacheSize(), Clock.systemUTC());
  }

  /** The caller of {@code token}; fails with {@code unauthorized} when it does not verify. */
  public Uni<Caller> verify(String token) {
    Verified known = verified.get(token);
    Uni<Verified> result =
        known != null
            ? Uni.createFrom().item(known)
            : Uni.createFrom()
                .completionStage(
                    () -> vertx.executeBlocking(() -> parse(token), false).toCompletionStage())
                .invoke(found -> verified.put(token, found, found.caller().expiresAt()));
    return result.chain(found -> sessions.check(found.caller(), found.generation(), found.keyId()));
  }

  private Verified parse(String token) {
    try {
      JsonWebToken jwt = parser.parse(token);
      UUID userId = UUID.fromString(jwt.getSubject());
      Object keyId = jwt.getClaim(KEY_ID);
      return new Verified(
          new Caller(userId, token, Instant.ofEpochSecond(jwt.getExpirationTime())),
          generation(jwt.getClaim(GENERATION)),
          keyId == null ? null : UUID.fromString(text(keyId)));
    } catch (ParseException | IllegalArgumentException | NullPointerException e) {
      throw new GatewayException(
          ProblemType.UNAUTHORIZED, "The token is invalid, expired or not issued by Agentry.");
    }
  }

  private static int generation(Object claim) {
    if (claim instanceof JsonNumber number) {
      return number.intValue();
    }
    return claim instanceof Number number ? number.intValue() : 0;
  }

  private static String text(Object claim) {
    return claim instanceof JsonString json ? json.getString() : claim.toString();
  }
}
