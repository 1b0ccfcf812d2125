package io.agentry.gateway.web;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The random id of a browser session, as its cookie carries it, and what is derived from it: the
 * database key (its SHA-256), the CSRF token, and the key that seals the session's login token. The
 * database alone therefore holds nothing a person could sign in with, and the CSRF token needs no
 * storage of its own.
 */
final class SessionSecret {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();
  private static final Pattern COOKIE_VALUE = Pattern.compile("[A-Za-z0-9_-]{43}");
  private static final int ID_BYTES = 32;
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final byte[] id;

  private SessionSecret(byte[] id) {
    this.id = id;
  }

  /** A new, unguessable session id (256 random bits). */
  static SessionSecret random() {
    byte[] id = new byte[ID_BYTES];
    RANDOM.nextBytes(id);
    return new SessionSecret(id);
  }

  /** The session id a cookie carries; empty when the value cannot be one. */
  static Optional<SessionSecret> parse(String cookieValue) {
    if (cookieValue == null || !COOKIE_VALUE.matcher(cookieValue).matches()) {
      return Optional.empty();
    }
    return Optional.of(new SessionSecret(Base64.getUrlDecoder().decode(cookieValue)));
  }

  String cookieValue() {
    return BASE64.encodeToString(id);
  }

  /** The key of the session's row. */
  byte[] idHash() {
    try {
      return MessageDigest.getInstance("SHA-256").digest(id);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The token every state-changing request of this session must carry in {@code X-CSRF-Token}. */
  String csrfToken() {
    return BASE64.encodeToString(derive("csrf"));
  }

  /** True when {@code candidate} is this session's CSRF token (compared in constant time). */
  boolean isCsrfToken(String candidate) {
    return candidate != null
        && MessageDigest.isEqual(
            csrfToken().getBytes(StandardCharsets.US_ASCII),
            candidate.getBytes(StandardCharsets.US_ASCII));
  }

  /** {@code text} encrypted and authenticated under this session's key: nonce, then ciphertext. */
  byte[] seal(String text) {
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    try {
      byte[] sealed =
          cipher(Cipher.ENCRYPT_MODE, nonce).doFinal(text.getBytes(StandardCharsets.UTF_8));
      return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The text {@link #seal} sealed; empty when it was sealed under another session's key. */
  Optional<String> unseal(byte[] sealed) {
    if (sealed.length <= NONCE_BYTES) {
      return Optional.empty();
    }
    try {
      byte[] text =
          cipher(Cipher.DECRYPT_MODE, Arrays.copyOf(sealed, NONCE_BYTES))
              .doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
      return Optional.of(new String(text, StandardCharsets.UTF_8));
    } catch (AEADBadTagException e) {
      return Optional.empty();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private Cipher cipher(int mode, byte[] nonce) throws GeneralSecurityException {
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(
        mode, new SecretKeySpec(derive("seal"), "AES"), new GCMParameterSpec(TAG_BITS, nonce));
    return cipher;
  }

  private byte[] derive(String purpose) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(id, "HmacSHA256"));
      return mac.doFinal(purpose.getBytes(StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
