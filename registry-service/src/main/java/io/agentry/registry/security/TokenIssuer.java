package io.agentry.registry.security;

import io.agentry.registry.config.RegistryConfig;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.UUID;

/**
 * Signs RS256 JWTs for a user: {@code iss} and {@code aud} from configuration, {@code sub} = user
 * id, {@code upn} = username, {@code groups} = ["user"], the session generation ({@link
 * TokenClaims#GENERATION}), the API key it stands for if any ({@link TokenClaims#KEY_ID}), and a
 * {@code kid} header naming the key.
 */
@ApplicationScoped
public class TokenIssuer {

  /** The one role every registered user has. */
  public static final String USER_GROUP = "user";

  private final SigningKeys keys;
  private final String issuer;
  private final String audience;

  public TokenIssuer(SigningKeys keys, RegistryConfig config) {
    this.keys = keys;
    this.issuer = config.auth().issuer();
    this.audience = config.auth().audience();
  }

  public IssuedToken issue(TokenSubject subject, Duration lifetime) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    Instant expiresAt = now.plus(lifetime);
    JwtClaimsBuilder claims =
        Jwt.issuer(issuer)
            .audience(audience)
            .subject(subject.userId().toString())
            .upn(subject.username())
            .groups(Set.of(USER_GROUP))
            .issuedAt(now)
            .expiresAt(expiresAt)
            .claim("jti", UUID.randomUUID().toString())
            .claim(TokenClaims.GENERATION, subject.generation());
    if (subject.keyId() != null) {
      claims.claim(TokenClaims.KEY_ID, subject.keyId().toString());
    }
    String token =
        claims
            .jws()
            .algorithm(SignatureAlgorithm.RS256)
            .keyId(keys.keyId())
            .sign(keys.privateKey());
    return new IssuedToken(token, expiresAt);
  }
}
