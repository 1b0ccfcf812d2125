package io.agentry.registry.security;

import io.agentry.registry.config.RegistryConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.logging.Logger;

/**
 * AES-256-GCM for agent secrets: a fresh 96-bit nonce per value, a 128-bit tag, and associated data
 * that binds a ciphertext to its owner, agent name and secret name. New values use the current key;
 * values written with a previous key still decrypt, each row naming its key by id (the first 8
 * bytes of the key's SHA-256, in hex, which says nothing about the key).
 */
@ApplicationScoped
public class SecretCipher {

  private static final Logger LOG = Logger.getLogger(SecretCipher.class);
  private static final String TRANSFORMATION = "AES/GCM/NoPadding";
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final int KEY_BYTES = 32;
  private static final String GENERATED_FILE = "secrets.key";

  private final SecureRandom random = new SecureRandom();
  private final String currentId;
  private final Map<String, SecretKey> keys;

  @Inject
  public SecretCipher(RegistryConfig config) {
    this(
        config.secrets().key().orElseGet(() -> generated(config.auth().generatedKeyDir())),
        config.secrets().previousKeys().orElse(List.of()));
  }

  /**
   * @param currentKey base64 of 32 bytes
   * @param previousKeys base64 of 32 bytes each
   */
  public SecretCipher(String currentKey, List<String> previousKeys) {
    Map<String, SecretKey> all = new LinkedHashMap<>();
    SecretKey current = key(currentKey, "agentry.registry.secrets.key");
    currentId = id(current);
    all.put(currentId, current);
    for (String previous : previousKeys) {
      SecretKey key = key(previous, "agentry.registry.secrets.previous-keys");
      all.putIfAbsent(id(key), key);
    }
    keys = Map.copyOf(all);
  }

  /** A value sealed with the current key. */
  public Sealed seal(byte[] value, String associatedData) {
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance(TRANSFORMATION);
      cipher.init(Cipher.ENCRYPT_MODE, keys.get(currentId), new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(associatedData.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return new Sealed(currentId, nonce, cipher.doFinal(value));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available", e);
    }
  }

  /**
   * The value of a sealed secret.
   *
   * @throws IllegalStateException when its key is not configured or the ciphertext, its nonce or
   *     its associated data were changed
   */
  public byte[] open(Sealed sealed, String associatedData) {
    SecretKey key = keys.get(sealed.keyId());
    if (key == null) {
      throw new IllegalStateException(
          "secret encrypted with key " + sealed.keyId() + ", which is not configured");
    }
    try {
      Cipher cipher = Cipher.getInstance(TRANSFORMATION);
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed.nonce()));
      cipher.updateAAD(associatedData.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return cipher.doFinal(sealed.ciphertext());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("a secret does not decrypt with key " + sealed.keyId());
    }
  }

  /** The id of the key new values are sealed with. */
  public String currentKeyId() {
    return currentId;
  }

  /** A sealed value as it is stored. */
  public record Sealed(String keyId, byte[] nonce, byte[] ciphertext) {}

  private static SecretKey key(String base64, String setting) {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(base64.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(setting + " must be base64 of 32 bytes");
    }
    if (bytes.length != KEY_BYTES) {
      throw new IllegalArgumentException(
          setting + " must be base64 of 32 bytes, was " + bytes.length + " bytes");
    }
    return new SecretKeySpec(bytes, "AES");
  }

  private static String id(SecretKey key) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The generated key of a registry without one configured, created at first start. */
  private static String generated(Path dir) {
    Path file = dir.toAbsolutePath().resolve(GENERATED_FILE);
    try {
      if (!Files.exists(file)) {
        Files.createDirectories(file.getParent());
        byte[] key = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(key);
        // Written aside, then moved in: a registry starting at the same time reads a whole key.
        Path written;
        try {
          written =
              Files.createTempFile(
                  file.getParent(),
                  GENERATED_FILE,
                  ".new",
                  PosixFilePermissions.asFileAttribute(
                      PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
          written = Files.createTempFile(file.getParent(), GENERATED_FILE, ".new");
        }
        Files.writeString(written, Base64.getEncoder().encodeToString(key));
        try {
          Files.createLink(file, written); // fails when another start made it first
        } catch (FileAlreadyExistsException e) {
          // The other start's key is the one.
        } finally {
          Files.deleteIfExists(written);
        }
      }
      LOG.warnf(
          "No secrets key configured: using the generated key in %s. Production must set"
              + " agentry.registry.secrets.key.",
          file);
      return Files.readString(file).trim();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the secrets key " + file, e);
    }
  }
}
