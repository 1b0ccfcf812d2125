package io.agentry.sandbox.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * A response whose head arrived: its status and headers, and its body, read from the connection as
 * the module asks for it. The connection closes at the end of the body or when the run ends.
 */
final class OpenResponse implements AutoCloseable {

  /** A response header, its name in lower case. */
  record Header(String name, String value) {}

  private final int status;
  private final List<Header> headers;
  private final long bodyLength;
  private final InputStream body;
  private final Socket socket;
  private boolean closed;

  OpenResponse(int status, List<Header> headers, long bodyLength, InputStream body, Socket socket) {
    this.status = status;
    this.headers = List.copyOf(headers);
    this.bodyLength = bodyLength;
    this.body = body;
    this.socket = socket;
  }

  int status() {
    return status;
  }

  /** The declared body length, or -1 when the server did not declare one. */
  long bodyLength() {
    return bodyLength;
  }

  /** The header's values joined by {@code ", "}, or null when absent. */
  byte[] header(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    StringBuilder joined = null;
    for (Header header : headers) {
      if (header.name().equals(lower)) {
        joined = joined == null ? new StringBuilder() : joined.append(", ");
        joined.append(header.value());
      }
    }
    return joined == null ? null : joined.toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  /** Bytes of the body into {@code into}, -1 at its end. */
  int read(byte[] into, int length) throws IOException {
    if (closed) {
      return -1;
    }
    int read = body.read(into, 0, length);
    if (read < 0) {
      close();
    }
    return read;
  }

  /** True while the connection is open: the body has not been read to its end. */
  boolean isOpen() {
    return !closed;
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      try {
        socket.close();
      } catch (IOException e) {
        // Nothing more to read from it either way.
      }
    }
  }
}
