package io.agentry.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * HTTP/1.1 over a plain socket, for the requests a well-behaved client library refuses to send: a
 * Content-Length that lies, a request target that is not a valid URI, a WebSocket upgrade whose
 * refusal body is read, a body streamed past every limit. Every exchange uses its own connection.
 */
final class RawHttp {

  private static final int READ_TIMEOUT_MILLIS = 60_000;

  private final String host;
  private final int port;

  private RawHttp(String host, int port) {
    this.host = host;
    this.port = port;
  }

  /** The server of {@code url} (any URL of it). */
  static RawHttp of(String url) {
    URI uri = URI.create(url);
    return new RawHttp(uri.getHost(), uri.getPort());
  }

  /** A response: status, headers (lower-case names) and the body read so far. */
  record Response(int status, Map<String, String> headers, byte[] body) {

    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
      return status + " " + headers + " " + text();
    }
  }

  /**
   * Sends {@code head} (the request line and headers, without the blank line that ends them), then
   * lets {@code body} write to the connection, and reads the response. The body is written on
   * another thread, so that a server that answers early, before reading it all, is heard; errors
   * while writing (the server closed the connection) are ignored.
   */
  Response exchange(String head, Consumer<OutputStream> body) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), 5_000);
      socket.setSoTimeout(READ_TIMEOUT_MILLIS);
      OutputStream out = socket.getOutputStream();
      out.write((head + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      Thread writer = null;
      if (body != null) {
        writer =
            new Thread(
                () -> {
                  try {
                    body.accept(out);
                    out.flush();
                  } catch (IOException | UncheckedIOException e) {
                    // the server stopped reading: its answer is what counts
                  }
                },
                "raw-http-body");
        writer.setDaemon(true);
        writer.start();
      }
      Response response = read(socket.getInputStream());
      if (writer != null) {
        socket.close();
        writer.join(10_000);
      }
      return response;
    } catch (IOException e) {
      throw new UncheckedIOException("raw exchange failed: " + firstLine(head), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** {@code head} with a Host header and {@code Connection: close} added, and no body. */
  Response send(String requestLine, String... headers) {
    return exchange(head(requestLine, headers), null);
  }

  /**
   * Asks to upgrade {@code target} (path and query) to a WebSocket; the connection is closed as
   * soon as the answer's head (or a refusal's body) has been read.
   */
  Response upgrade(String target, String... headers) {
    byte[] nonce = new byte[16];
    java.util.concurrent.ThreadLocalRandom.current().nextBytes(nonce);
    StringBuilder head = new StringBuilder("GET " + target + " HTTP/1.1");
    head.append("\r\nHost: ").append(host).append(':').append(port);
    head.append("\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13");
    head.append("\r\nSec-WebSocket-Key: ")
        .append(java.util.Base64.getEncoder().encodeToString(nonce));
    for (String header : headers) {
      head.append("\r\n").append(header);
    }
    return exchange(head.toString(), null);
  }

  /** The request head of {@code requestLine} and {@code headers}, with Host and Connection. */
  String head(String requestLine, String... headers) {
    StringBuilder head = new StringBuilder(requestLine);
    head.append("\r\nHost: ").append(host).append(':').append(port);
    head.append("\r\nConnection: close");
    for (String header : headers) {
      head.append("\r\n").append(header);
    }
    return head.toString();
  }

  /** Writes {@code total} bytes of {@code fill} in chunks of 64 KiB. */
  static void writeRepeated(OutputStream out, long total, byte fill) {
    byte[] chunk = new byte[64 * 1024];
    java.util.Arrays.fill(chunk, fill);
    try {
      for (long left = total; left > 0; left -= chunk.length) {
        out.write(chunk, 0, (int) Math.min(chunk.length, left));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes {@code bytes} as one chunk of a chunked body (no terminating chunk). */
  static void writeChunk(OutputStream out, byte[] bytes) {
    try {
      out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(bytes);
      out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Ends a chunked body. */
  static void endChunks(OutputStream out) {
    try {
      out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Response read(InputStream in) throws IOException {
    String statusLine = line(in);
    if (statusLine == null) {
      throw new IOException("the server closed the connection without an answer");
    }
    String[] parts = statusLine.split(" ", 3);
    int status = Integer.parseInt(parts[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
      int colon = header.indexOf(':');
      headers.put(
          header.substring(0, colon).trim().toLowerCase(Locale.ROOT),
          header.substring(colon + 1).trim());
    }
    if (status == 101) {
      return new Response(status, headers, new byte[0]);
    }
    byte[] body;
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      body = chunked(in);
    } else if (headers.containsKey("content-length")) {
      body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
    } else {
      body = untilClosed(in);
    }
    return new Response(status, headers, body);
  }

  private static byte[] chunked(InputStream in) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (String size = line(in); size != null; size = line(in)) {
      int length = Integer.parseInt(size.split(";", 2)[0].trim(), 16);
      if (length == 0) {
        break;
      }
      body.write(in.readNBytes(length));
      line(in);
    }
    return body.toByteArray();
  }

  private static byte[] untilClosed(InputStream in) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    try {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        body.write(buffer, 0, n);
      }
    } catch (SocketTimeoutException | java.net.SocketException e) {
      // what arrived is the body
    }
    return body.toByteArray();
  }

  /** One CRLF-terminated line, or null at the end of the stream. */
  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b >= 0; b = in.read()) {
      if (b == '\n') {
        byte[] bytes = line.toByteArray();
        int length =
            bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
      }
      line.write(b);
    }
    return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
  }

  private static String firstLine(String head) {
    int end = head.indexOf('\r');
    return end < 0 ? head : head.substring(0, end);
  }
}
