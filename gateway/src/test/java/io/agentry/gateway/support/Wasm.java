package io.agentry.gateway.support;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The smallest valid WASI command module ({@code _start} and {@code memory} exported), optionally
 * followed by the header of a custom section whose {@code padding} bytes the caller appends.
 */
public final class Wasm {

  private static final byte[] MODULE = {
    0x00,
    0x61,
    0x73,
    0x6d,
    0x01,
    0x00,
    0x00,
    0x00, // magic, version
    0x01,
    0x04,
    0x01,
    0x60,
    0x00,
    0x00, // type section: () -> ()
    0x03,
    0x02,
    0x01,
    0x00, // function section: one function of type 0
    0x05,
    0x03,
    0x01,
    0x00,
    0x01, // memory section: one memory, 1 page
    0x07,
    0x13,
    0x02, // export section: two exports
    0x06,
    '_',
    's',
    't',
    'a',
    'r',
    't',
    0x00,
    0x00,
    0x06,
    'm',
    'e',
    'm',
    'o',
    'r',
    'y',
    0x02,
    0x00,
    0x0a,
    0x04,
    0x01,
    0x02,
    0x00,
    0x0b // code section: an empty body
  };

  private Wasm() {}

  /** A valid module made unique by a small custom section holding {@code seed}. */
  public static byte[] unique(String seed) {
    byte[] padding = seed.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(withCustomSectionHeader(padding.length));
    out.writeBytes(padding);
    return out.toByteArray();
  }

  /** The module followed by the header of a custom section named "pad" of {@code padding} bytes. */
  public static byte[] withCustomSectionHeader(long padding) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(MODULE);
    byte[] name = {0x03, 'p', 'a', 'd'};
    out.write(0x00);
    writeLeb128(out, name.length + padding);
    out.writeBytes(name);
    return out.toByteArray();
  }

  private static void writeLeb128(ByteArrayOutputStream out, long value) {
    do {
      int b = (int) (value & 0x7f);
      value >>>= 7;
      out.write(value == 0 ? b : b | 0x80);
    } while (value != 0);
  }
}
