package io.agentry.results;

import io.smallrye.jwt.build.Jwt;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** Tokens as the registry signs them (with the test key of src/test/resources). */
public final class Tokens {

  private Tokens() {}

  /** A valid token for the user. */
  public static String forUser(UUID userId) {
    return Jwt.issuer("agentry")
        .audience("agentry-api")
        .subject(userId.toString())
        .upn("user-" + userId.toString().substring(0, 8))
        .groups(Set.of("user"))
        .expiresIn(Duration.ofHours(1))
        .sign();
  }

  /** A valid token for the user that expires after {@code lifetime}. */
  public static String expiringIn(UUID userId, Duration lifetime) {
    return Jwt.issuer("agentry")
        .audience("agentry-api")
        .subject(userId.toString())
        .upn("user-" + userId.toString().substring(0, 8))
        .groups(Set.of("user"))
        .expiresAt(Instant.now().plus(lifetime))
        .sign();
  }

  /** A token that expired a minute ago. */
  public static String expired(UUID userId) {
    Instant past = Instant.now().minus(Duration.ofHours(1));
    return Jwt.issuer("agentry")
        .audience("agentry-api")
        .subject(userId.toString())
        .upn("user")
        .issuedAt(past)
        .expiresAt(Instant.now().minus(Duration.ofMinutes(1)))
        .sign();
  }

  /** A token of the registry's issuer and key for another audience (none when null). */
  public static String forAudience(UUID userId, String audience) {
    var claims =
        Jwt.issuer("agentry")
            .subject(userId.toString())
            .upn("user")
            .groups(Set.of("user"))
            .expiresIn(Duration.ofHours(1));
    if (audience != null) {
      claims.audience(audience);
    }
    return claims.sign();
  }

  /** A token signed by the test key but from another issuer. */
  public static String otherIssuer(UUID userId) {
    return Jwt.issuer("someone-else")
        .subject(userId.toString())
        .upn("user")
        .expiresIn(Duration.ofHours(1))
        .sign();
  }
}
