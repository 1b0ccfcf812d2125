package io.agentry.results.security;

import io.agentry.results.Caller;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
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
}
