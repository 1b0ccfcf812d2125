package io.agentry.registry.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * API keys: {@code agy_} and 43 url-safe base64 characters (32 random bytes). Only their SHA-256 is
 * stored (a high-entropy secret needs no slow hash), with a short non-secret prefix for lists.
 */
public final class ApiKeys {

  /** What every API key starts with; tokens without it are JWTs. */
  public static final String PREFIX = "agy_";

  private static final Pattern FORMAT = Pattern.compile("agy_[A-Za-z0-9_-]{43}");
  private static final int SECRET_BYTES = 32;
  private static final int SHOWN_CHARS = PREFIX.length() + 6;
  private static final SecureRandom RANDOM = new SecureRandom();

  private ApiKeys() {}

  /** A new random key, to be shown to its owner once. */
  public static String generate() {
    byte[] secret = new byte[SECRET_BYTES];
    RANDOM.nextBytes(secret);
    return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
  }

  /** True for a bearer token meant as an API key (whether or not it is well formed). */
  public static boolean isApiKey(String token) {
    return token.startsWith(PREFIX);
  }

  public static boolean isWellFormed(String key) {
    return FORMAT.matcher(key).matches();
  }

  /** The lowercase hex SHA-256 under which a key is stored. */
  public static String hash(String key) {
    return HexFormat.of().formatHex(sha256(key));
  }

  /** Constant-time comparison of a presented key with a stored hash. */
  public static boolean matches(String key, String storedHash) {
    return MessageDigest.isEqual(sha256(key), HexFormat.of().parseHex(storedHash));
  }

  /** The non-secret start of a key that listings show, e.g. {@code agy_Xy12ab}. */
  public static String displayPrefix(String key) {
    return key.substring(0, SHOWN_CHARS);
  }

  private static byte[] sha256(String key) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.US_ASCII));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
