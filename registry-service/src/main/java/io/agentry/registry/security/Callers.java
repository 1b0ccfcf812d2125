package io.agentry.registry.security;

import io.agentry.registry.Caller;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Turns either kind of identity (API key or JWT) into the {@link Caller} the services use. */
public final class Callers {

  /** The identity attribute that holds the user id of an API-key identity. */
  static final String USER_ID = "agentry.user-id";

  /** The identity attribute that holds the key id of an API-key identity. */
  static final String KEY_ID = "agentry.key-id";

  /** The identity attribute that holds the user's session generation of an API-key identity. */
  static final String GENERATION = "agentry.token-generation";

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

  /**
   * Whom a token exchanged for this identity is for: the same user, generation and key (an API
   * key's identity, or a token's claims).
   */
  public static TokenSubject subject(SecurityIdentity identity) {
    Caller caller = of(identity);
    if (identity.getAttribute(USER_ID) instanceof UUID) {
      return new TokenSubject(
          caller.id(),
          caller.username(),
          identity.getAttribute(GENERATION),
          identity.getAttribute(KEY_ID));
    }
    JsonWebToken jwt = (JsonWebToken) identity.getPrincipal();
    return new TokenSubject(caller.id(), caller.username(), generation(jwt), keyId(jwt));
  }

  /** The session generation a token carries (0 when it carries none). */
  static int generation(JsonWebToken jwt) {
    Object claim = jwt.getClaim(TokenClaims.GENERATION);
    if (claim instanceof JsonNumber number) {
      return number.intValue();
    }
    return claim instanceof Number number ? number.intValue() : 0;
  }

  /** The API key a token stands for, or null. */
  static UUID keyId(JsonWebToken jwt) {
    Object claim = jwt.getClaim(TokenClaims.KEY_ID);
    String text = claim instanceof JsonString json ? json.getString() : (String) claim;
    if (text == null) {
      return null;
    }
    try {
      return UUID.fromString(text);
    } catch (IllegalArgumentException e) {
      throw new AuthenticationFailedException("the token's key id is not a UUID");
    }
  }
}
