package io.agentry.sandbox.internal;

import java.io.OutputStream;
import java.util.Arrays;
import java.util.Objects;

/**
 * Keeps the first {@code cap} bytes written to it and drops the rest, remembering that it did. Used
 * by one run on one thread.
 */
public final class BoundedOutput extends OutputStream {

  private final int cap;
  private byte[] buffer = new byte[0];
  private int size;
  private long total;
  private boolean truncated;

  public BoundedOutput(int cap) {
    this.cap = cap;
  }

  @Override
  public void write(int b) {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] bytes, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, bytes.length);
    total += length;
    int kept = Math.min(length, cap - size);
    if (kept < length) {
      truncated = true;
    }
    if (kept > 0) {
      ensureCapacity(size + kept);
      System.arraycopy(bytes, offset, buffer, size, kept);
      size += kept;
    }
  }

  /** How many more bytes it keeps. */
  public int room() {
    return cap - size;
  }

  /** Counts {@code length} bytes written and dropped without being copied (past the cap). */
  public void dropped(long length) {
    if (length > 0) {
      total += length;
      truncated = true;
    }
  }

  /** Every byte written, kept or dropped. */
  public long total() {
    return total;
  }

  /** The bytes kept, at most the cap. */
  public byte[] bytes() {
    return Arrays.copyOf(buffer, size);
  }

  /** True when some bytes were dropped. */
  public boolean truncated() {
    return truncated;
  }

  private void ensureCapacity(int needed) {
    if (needed > buffer.length) {
      int grown = (int) Math.min(cap, Math.max(needed, Math.max(256L, 2L * buffer.length)));
      buffer = Arrays.copyOf(buffer, grown);
    }
  }
}
