package io.agentry.registry.security;

import io.agentry.registry.config.RegistryConfig;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The RSA key pair that signs the registry's tokens: read from the configured PEM files, or
 * generated at first start into {@code generated-key-dir} and reused on later starts.
 */
@Startup
@ApplicationScoped
public class SigningKeys {

  private static final Logger LOG = Logger.getLogger(SigningKeys.class);
  private static final String PRIVATE_FILE = "private-key.pem";
  private static final String PUBLIC_FILE = "public-key.pem";

  private final PrivateKey privateKey;
  private final RSAPublicKey publicKey;
  private final String keyId;

  @Inject
  public SigningKeys(RegistryConfig config) {
    this(
        config.auth().privateKeyLocation(),
        config.auth().publicKeyLocation(),
        config.auth().generatedKeyDir());
  }

  SigningKeys(Optional<Path> privateKeyFile, Optional<Path> publicKeyFile, Path generatedKeyDir) {
    try {
      if (privateKeyFile.isPresent() != publicKeyFile.isPresent()) {
        throw new IllegalStateException(
            "configure both agentry.registry.auth.private-key-location and"
                + " public-key-location, or neither");
      }
      if (privateKeyFile.isPresent()) {
        privateKey = PemKeys.readPrivate(privateKeyFile.get());
        publicKey = PemKeys.readPublic(publicKeyFile.get());
      } else {
        Path dir = generatedKeyDir.toAbsolutePath();
        LOG.warnf(
            "No signing keys configured: using the generated pair in %s. Production must set"
                + " agentry.registry.auth.private-key-location and public-key-location.",
            dir);
        KeyPair pair = loadOrGenerate(dir);
        privateKey = pair.getPrivate();
        publicKey = (RSAPublicKey) pair.getPublic();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or write the signing keys", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the signing keys are not RSA keys in PEM", e);
    }
    keyId = thumbprint(publicKey);
  }

  public PrivateKey privateKey() {
    return privateKey;
  }

  public RSAPublicKey publicKey() {
    return publicKey;
  }

  /** The {@code kid} of the tokens: the RFC 7638 thumbprint of the public key. */
  public String keyId() {
    return keyId;
  }

  /** The public key as a JWK (RFC 7517) for the JWK set. */
  public Map<String, String> jwk() {
    Map<String, String> jwk = new LinkedHashMap<>();
    jwk.put("kty", "RSA");
    jwk.put("use", "sig");
    jwk.put("alg", "RS256");
    jwk.put("kid", keyId);
    jwk.put("n", base64Url(publicKey.getModulus()));
    jwk.put("e", base64Url(publicKey.getPublicExponent()));
    return jwk;
  }

  private static KeyPair loadOrGenerate(Path dir) throws IOException, GeneralSecurityException {
    Path privateFile = dir.resolve(PRIVATE_FILE);
    Path publicFile = dir.resolve(PUBLIC_FILE);
    if (Files.exists(privateFile) && Files.exists(publicFile)) {
      return new KeyPair(PemKeys.readPublic(publicFile), PemKeys.readPrivate(privateFile));
    }
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair pair = generator.generateKeyPair();
    Files.createDirectories(dir);
    writePrivate(privateFile, PemKeys.encodePrivate(pair.getPrivate()));
    Files.writeString(publicFile, PemKeys.encodePublic((RSAPublicKey) pair.getPublic()));
    LOG.infof("Generated an RSA-2048 signing key pair in %s", dir);
    return pair;
  }

  private static void writePrivate(Path file, String pem) throws IOException {
    Files.deleteIfExists(file);
    try {
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      Files.createFile(file);
    } catch (FileAlreadyExistsException e) {
      // another process raced us; overwrite below, the permission stays owner-only
    }
    Files.writeString(file, pem);
  }

  static String thumbprint(RSAPublicKey key) {
    String json =
        "{\"e\":\""
            + base64Url(key.getPublicExponent())
            + "\",\"kty\":\"RSA\",\"n\":\""
            + base64Url(key.getModulus())
            + "\"}";
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(json.getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** Base64url of an unsigned big-endian integer, as JWKs carry {@code n} and {@code e}. */
  static String base64Url(BigInteger value) {
    byte[] bytes = value.toByteArray();
    if (bytes.length > 1 && bytes[0] == 0) {
      bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
    }
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
