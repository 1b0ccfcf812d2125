package io.agentry.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * RS256 tokens made the way the registry makes them (issuer {@code agentry}, audience {@code
 * agentry-api}, {@code sub} = user id, {@code kid} = the RFC 7638 thumbprint of the key), signed
 * with the registry's own key pair (which the platform keeps in its run directory) or with a key of
 * nobody's.
 */
final class Tokens {

  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

  private final PrivateKey registryKey;
  private final String keyId;

  private Tokens(PrivateKey registryKey, String keyId) {
    this.registryKey = registryKey;
    this.keyId = keyId;
  }

  /** The tokens of the registry whose PEM key pair is in {@code keyDir}. */
  static Tokens of(Path keyDir) {
    try {
      KeyFactory rsa = KeyFactory.getInstance("RSA");
      PrivateKey privateKey =
          rsa.generatePrivate(
              new PKCS8EncodedKeySpec(pem(keyDir.resolve("private-key.pem"), "PRIVATE KEY")));
      RSAPublicKey publicKey =
          (RSAPublicKey)
              rsa.generatePublic(
                  new X509EncodedKeySpec(pem(keyDir.resolve("public-key.pem"), "PUBLIC KEY")));
      return new Tokens(privateKey, thumbprint(publicKey));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the registry's keys are not RSA keys in PEM", e);
    }
  }

  /**
   * A token of the registry for {@code userId}, valid from {@code issuedAt} to {@code expiresAt}.
   */
  String signed(String userId, Instant issuedAt, Instant expiresAt) {
    return sign(registryKey, keyId, userId, issuedAt, expiresAt);
  }

  /** A token that looks like the registry's (same {@code kid}) but is signed by another key. */
  String forged(String userId, Instant issuedAt, Instant expiresAt) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return sign(generator.generateKeyPair().getPrivate(), keyId, userId, issuedAt, expiresAt);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String sign(
      PrivateKey key, String keyId, String userId, Instant issuedAt, Instant expiresAt) {
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("alg", "RS256");
    header.put("typ", "JWT");
    header.put("kid", keyId);
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("iss", "agentry");
    claims.put("aud", "agentry-api");
    claims.put("sub", userId);
    claims.put("upn", "e2e-" + userId);
    claims.put("groups", List.of("user"));
    claims.put("iat", issuedAt.getEpochSecond());
    claims.put("exp", expiresAt.getEpochSecond());
    claims.put("jti", UUID.randomUUID().toString());
    try {
      String signingInput = part(header) + "." + part(claims);
      Signature rs256 = Signature.getInstance("SHA256withRSA");
      rs256.initSign(key);
      rs256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return signingInput + "." + BASE64URL.encodeToString(rs256.sign());
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String part(Map<String, Object> json) throws IOException {
    return BASE64URL.encodeToString(PublicApi.JSON.writeValueAsBytes(json));
  }

  private static byte[] pem(Path file, String label) {
    try {
      String text = Files.readString(file, StandardCharsets.US_ASCII);
      String begin = "-----BEGIN " + label + "-----";
      String end = "-----END " + label + "-----";
      return Base64.getMimeDecoder()
          .decode(text.substring(text.indexOf(begin) + begin.length(), text.indexOf(end)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the registry's key " + file, e);
    }
  }

  /** The RFC 7638 thumbprint of an RSA public key, as the registry names its key. */
  private static String thumbprint(RSAPublicKey key) throws GeneralSecurityException {
    String json =
        "{\"e\":\""
            + unsigned(key.getPublicExponent())
            + "\",\"kty\":\"RSA\",\"n\":\""
            + unsigned(key.getModulus())
            + "\"}";
    return BASE64URL.encodeToString(
        MessageDigest.getInstance("SHA-256").digest(json.getBytes(StandardCharsets.UTF_8)));
  }

  private static String unsigned(BigInteger value) {
    byte[] bytes = value.toByteArray();
    if (bytes.length > 1 && bytes[0] == 0) {
      bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
    }
    return BASE64URL.encodeToString(bytes);
  }
}
