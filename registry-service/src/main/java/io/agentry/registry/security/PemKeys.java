package io.agentry.registry.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/** Reads and writes RSA keys as PEM: PKCS#8 private keys and X.509 public keys. */
final class PemKeys {

  private static final String PRIVATE = "PRIVATE KEY";
  private static final String PUBLIC = "PUBLIC KEY";

  private PemKeys() {}

  static PrivateKey readPrivate(Path file) throws IOException, GeneralSecurityException {
    return rsa().generatePrivate(new PKCS8EncodedKeySpec(decode(file, PRIVATE)));
  }

  static RSAPublicKey readPublic(Path file) throws IOException, GeneralSecurityException {
    return (RSAPublicKey) rsa().generatePublic(new X509EncodedKeySpec(decode(file, PUBLIC)));
  }

  static String encodePrivate(PrivateKey key) {
    return encode(PRIVATE, key.getEncoded());
  }

  static String encodePublic(RSAPublicKey key) {
    return encode(PUBLIC, key.getEncoded());
  }

  private static byte[] decode(Path file, String label) throws IOException {
    String pem = Files.readString(file, StandardCharsets.US_ASCII);
    String begin = "-----BEGIN " + label + "-----";
    String end = "-----END " + label + "-----";
    int from = pem.indexOf(begin);
    int to = pem.indexOf(end);
    if (from < 0 || to < from) {
      throw new IOException(file + " holds no '" + begin + "' block");
    }
    return Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to));
  }

  private static String encode(String label, byte[] der) {
    String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
    return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
  }

  private static KeyFactory rsa() throws GeneralSecurityException {
    return KeyFactory.getInstance("RSA");
  }
}
