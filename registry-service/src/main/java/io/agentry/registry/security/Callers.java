package io.agentry.registry.security;

import io.agentry.registry.Caller;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Turns either kind of identity (API key or JWT) into the {@link Caller} the services use. */
public final class Callers {

  /** The identity attribute that holds the user id of an API-key identity. */
  static final String USER_ID = "agentry.user-id";

  private Callers() {}

  public static Caller of(SecurityIdentity identity) {
    if (identity == null || identity.isAnonymous()) {
      throw new UnauthorizedException();
    }
    if (identity.getAttribute(USER_ID) instanceof UUID id) {
      return new Caller(id, identity.getPrincipal().getName());
    }
    if (identity.getPrincipal() instanceof JsonWebToken jwt) {
      try {
        return new Caller(UUID.fromString(jwt.getSubject()), jwt.getName());
      } catch (IllegalArgumentException | NullPointerException e) {
        throw new AuthenticationFailedException("the token's subject is not a user id");
      }
    }
    throw new AuthenticationFailedException("unknown kind of identity");
  }
}
