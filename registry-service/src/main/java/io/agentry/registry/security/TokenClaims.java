package io.agentry.registry.security;

/** The claims, beyond the standard ones, that the registry puts in the tokens it signs. */
public final class TokenClaims {

  /** The user's session generation the token was issued under (absent: 0). */
  public static final String GENERATION = "gen";

  /** The id of the API key a token was exchanged for; such a token lives as long as the key. */
  public static final String KEY_ID = "keyId";

  private TokenClaims() {}
}
