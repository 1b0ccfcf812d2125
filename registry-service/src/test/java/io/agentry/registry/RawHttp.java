package io.agentry.registry;

import io.restassured.RestAssured;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** Speaks HTTP/1.1 over a socket, for requests no ordinary client would send. */
final class RawHttp {

  private RawHttp() {}

  /** Sends only the request head and returns whatever the server answers until it closes. */
  static String sendHeadersOnly(String head) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream response = new ByteArrayOutputStream();
      byte[] buffer = new byte[4096];
      int read;
      try {
        while ((read = in.read(buffer)) != -1) {
          response.write(buffer, 0, read);
        }
      } catch (java.net.SocketTimeoutException e) {
        // the server kept the connection open; what it sent so far is the answer
      }
      return response.toString(StandardCharsets.UTF_8);
    }
  }
}
