package io.agentry.sandbox.http;

import java.io.IOException;
import java.io.InputStream;

/** A response body framed by its length, by chunks, or by the end of the connection. */
final class ResponseBody extends InputStream {

  private static final int MAX_CHUNK_LINE = 1024;

  private final InputStream in;
  private final boolean chunked;

  /**
   * Bytes left of the body (fixed length) or of the current chunk; -1 until the connection ends.
   */
  private long remaining;

  private boolean ended;

  private ResponseBody(InputStream in, boolean chunked, long remaining) {
    this.in = in;
    this.chunked = chunked;
    this.remaining = remaining;
    this.ended = !chunked && remaining == 0;
  }

  static ResponseBody fixed(InputStream in, long length) {
    return new ResponseBody(in, false, length);
  }

  static ResponseBody chunked(InputStream in) {
    return new ResponseBody(in, true, 0);
  }

  static ResponseBody untilClose(InputStream in) {
    return new ResponseBody(in, false, -1);
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
  }

  @Override
  public int read(byte[] into, int offset, int length) throws IOException {
    if (ended || length == 0) {
      return ended ? -1 : 0;
    }
    if (chunked && remaining == 0) {
      remaining = nextChunk();
      if (remaining == 0) {
        ended = true;
        return -1;
      }
    }
    int wanted = remaining < 0 ? length : (int) Math.min(length, remaining);
    int read = in.read(into, offset, wanted);
    if (read < 0) {
      if (remaining < 0) {
        ended = true;
        return -1;
      }
      throw new IOException("the connection closed before the end of the body");
    }
    if (remaining > 0) {
      remaining -= read;
      if (remaining == 0 && !chunked) {
        ended = true;
      }
      if (remaining == 0 && chunked) {
        expectLineEnd();
      }
    }
    return read;
  }

  /** The size of the next chunk; at the last one, its trailers are skipped. */
  private long nextChunk() throws IOException {
    String line = line();
    int extension = line.indexOf(';');
    String size = (extension < 0 ? line : line.substring(0, extension)).trim();
    long length;
    try {
      length = Long.parseLong(size, 16);
    } catch (NumberFormatException e) {
      throw new IOException("a malformed chunk size");
    }
    if (length < 0) {
      throw new IOException("a malformed chunk size");
    }
    if (length == 0) {
      for (int trailers = 0; !line().isEmpty(); trailers++) {
        if (trailers > 64) {
          throw new IOException("too many trailers");
        }
      }
    }
    return length;
  }

  private void expectLineEnd() throws IOException {
    if (!line().isEmpty()) {
      throw new IOException("a chunk is longer than its size");
    }
  }

  private String line() throws IOException {
    StringBuilder line = new StringBuilder();
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) {
        throw new IOException("the connection closed inside a chunk header");
      }
      if (c != '\r') {
        line.append((char) c);
      }
      if (line.length() > MAX_CHUNK_LINE) {
        throw new IOException("a chunk header is too long");
      }
    }
    return line.toString();
  }
}
