package io.agentry.registry.security;

import io.agentry.registry.config.RegistryConfig;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.UUID;

/**
 * Signs RS256 JWTs for a user: {@code iss} from configuration, {@code sub} = user id, {@code upn} =
 * username, {@code groups} = ["user"], and a {@code kid} header naming the key.
 */
@ApplicationScoped
public class TokenIssuer {

  /** The one role every registered user has. */
  public static final String USER_GROUP = "user";

  private final SigningKeys keys;
  private final String issuer;

  public TokenIssuer(SigningKeys keys, RegistryConfig config) {
    this.keys = keys;
    this.issuer = config.auth().issuer();
  }

  public IssuedToken issue(UUID userId, String username, Duration lifetime) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    Instant expiresAt = now.plus(lifetime);
    String token =
        Jwt.issuer(issuer)
            .subject(userId.toString())
            .upn(username)
            .groups(Set.of(USER_GROUP))
            .issuedAt(now)
            .expiresAt(expiresAt)
            .claim("jti", UUID.randomUUID().toString())
            .jws()
            .algorithm(SignatureAlgorithm.RS256)
            .keyId(keys.keyId())
            .sign(keys.privateKey());
    return new IssuedToken(token, expiresAt);
  }
}
