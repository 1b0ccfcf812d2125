package io.agentry.results.security;

import io.agentry.results.Caller;
import io.agentry.results.live.LiveCredential;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Turns a verified registry token into the {@link Caller}: {@code sub} is the user id. */
public final class Callers {

  private Callers() {}

  public static Caller of(SecurityIdentity identity) {
    if (identity == null || identity.isAnonymous()) {
      throw new UnauthorizedException();
    }
    if (identity.getPrincipal() instanceof JsonWebToken jwt) {
      try {
        return new Caller(UUID.fromString(jwt.getSubject()), jwt.getName());
      } catch (IllegalArgumentException | NullPointerException e) {
        throw new AuthenticationFailedException("the token's subject is not a user id");
      }
    }
    throw new AuthenticationFailedException("not a registry token");
  }

  /** The credential behind a verified token, for the re-checks of a live stream. */
  public static LiveCredential credential(SecurityIdentity identity) {
    Caller caller = of(identity);
    JsonWebToken jwt = (JsonWebToken) identity.getPrincipal();
    Object generation = jwt.getClaim("gen");
    Object keyId = jwt.getClaim("keyId");
    int gen =
        generation instanceof JsonNumber number
            ? number.intValue()
            : generation instanceof Number number ? number.intValue() : 0;
    UUID key = null;
    if (keyId != null) {
      try {
        key =
            UUID.fromString(keyId instanceof JsonString text ? text.getString() : keyId.toString());
      } catch (IllegalArgumentException e) {
        throw new AuthenticationFailedException("the token's key id is not a UUID");
      }
    }
    return new LiveCredential(
        caller.id(), gen, key, Instant.ofEpochSecond(jwt.getExpirationTime()));
  }
}
