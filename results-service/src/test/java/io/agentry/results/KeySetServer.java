package io.agentry.results;

import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/** Serves the test public key as a JWK set over HTTP, as the registry serves its own. */
final class KeySetServer implements AutoCloseable {

  private final HttpServer server;

  private KeySetServer(HttpServer server) {
    this.server = server;
  }

  static KeySetServer start() throws Exception {
    byte[] body = jwks(publicKey()).getBytes(StandardCharsets.UTF_8);
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/.well-known/jwks.json",
        exchange -> {
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    return new KeySetServer(server);
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/.well-known/jwks.json";
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private static RSAPublicKey publicKey() throws Exception {
    try (InputStream in = KeySetServer.class.getResourceAsStream("/test-public-key.pem")) {
      String pem =
          new String(in.readAllBytes(), StandardCharsets.US_ASCII)
              .replaceAll("-----[A-Z ]+-----", "")
              .replaceAll("\\s", "");
      return (RSAPublicKey)
          KeyFactory.getInstance("RSA")
              .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(pem)));
    }
  }

  private static String jwks(RSAPublicKey key) {
    Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
    return "{\"keys\":[{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\",\"n\":\""
        + url.encodeToString(unsigned(key.getModulus().toByteArray()))
        + "\",\"e\":\""
        + url.encodeToString(unsigned(key.getPublicExponent().toByteArray()))
        + "\"}]}";
  }

  /** The big-endian magnitude without the sign byte Java adds. */
  private static byte[] unsigned(byte[] bytes) {
    if (bytes.length > 1 && bytes[0] == 0) {
      byte[] trimmed = new byte[bytes.length - 1];
      System.arraycopy(bytes, 1, trimmed, 0, trimmed.length);
      return trimmed;
    }
    return bytes;
  }
}
