package io.agentry.registry.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ApiKeysTest {

  @Test
  void aGeneratedKeyIsWellFormedAndUnique() {
    String key = ApiKeys.generate();
    assertTrue(ApiKeys.isWellFormed(key), key);
    assertTrue(ApiKeys.isApiKey(key));
    assertNotEquals(key, ApiKeys.generate());
  }

  @Test
  void aKeyMatchesOnlyItsOwnHash() {
    String key = ApiKeys.generate();
    String hash = ApiKeys.hash(key);
    assertEquals(64, hash.length());
    assertTrue(ApiKeys.matches(key, hash));
    assertFalse(ApiKeys.matches(ApiKeys.generate(), hash));
  }

  @Test
  void theShownPrefixRevealsSixCharactersOfTheSecret() {
    String key = ApiKeys.generate();
    assertEquals(key.substring(0, 10), ApiKeys.displayPrefix(key));
  }

  @Test
  void tokensWithoutThePrefixAreNotApiKeys() {
    assertFalse(ApiKeys.isApiKey("eyJhbGciOi.x.y"));
    assertFalse(ApiKeys.isWellFormed("agy_tooshort"));
    assertFalse(ApiKeys.isWellFormed("agy_" + "a".repeat(42) + "!"));
  }
}
