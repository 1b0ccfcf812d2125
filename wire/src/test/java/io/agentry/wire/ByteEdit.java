package io.agentry.wire;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One byte-level change to a record, as a coverage-less fuzzer makes them: flip a bit, overwrite,
 * insert or delete bytes, copy a range, cut the record short, or splice in a token that JSON or
 * UTF-8 decoders treat specially. Positions and lengths are taken modulo the record's size, so any
 * edit applies to any record.
 */
record ByteEdit(Kind kind, int at, int value, int length) {

  enum Kind {
    FLIP_BIT,
    SET_BYTE,
    INSERT_BYTE,
    INSERT_TOKEN,
    OVERWRITE_TOKEN,
    DELETE,
    DUPLICATE,
    TRUNCATE
  }

  /** Byte sequences that matter to a JSON parser, a UTF-8 decoder or the codec's checks. */
  static final List<byte[]> TOKENS =
      List.of(
          text("{"),
          text("}"),
          text("["),
          text("]"),
          text("\""),
          text(":"),
          text(","),
          text("\\"),
          text("\\u0000"),
          text("\\ud800"),
          text("\\udc00"),
          text("\\uDBFF\\uDFFF"),
          text("\\\""),
          text("\\x41"),
          text("null"),
          text("true"),
          text("false"),
          text("0"),
          text("-0"),
          text("-"),
          text("1e309"),
          text("9223372036854775808"),
          text("-9223372036854775809"),
          text("2147483648"),
          text("1".repeat(70)),
          text("NaN"),
          text("Infinity"),
          text("0x1F"),
          text(".5"),
          text("/* c */"),
          text("// c\n"),
          text(" "),
          text("\n"),
          text("\t"),
          text("\r\n"),
          text("="),
          text("=="),
          text("Z"),
          text("T"),
          text("+"),
          text("e"),
          text("é"),
          text("🚀"),
          text("[".repeat(20)),
          text("{\"a\":".repeat(20)),
          text("\"specVersion\":1,"),
          text("\"specVersion\":2,"),
          text("\"foo\":1,"),
          text("\"taskId\":\"" + Samples.TASK_ID + "\","),
          text("\"env\":{},"),
          text("\"result\":null,"),
          bytes(0x00),
          bytes(0x7F),
          bytes(0x80),
          bytes(0xFF),
          bytes(0xFE),
          bytes(0xC0, 0xAF),
          bytes(0xC1, 0xBF),
          bytes(0xE0, 0x80, 0xAF),
          bytes(0xED, 0xA0, 0x80),
          bytes(0xF4, 0x90, 0x80, 0x80),
          bytes(0xF8, 0x88, 0x80, 0x80, 0x80),
          bytes(0xEF, 0xBB, 0xBF),
          bytes(0xE2, 0x82),
          bytes(0xF0, 0x9F, 0x9A));

  private static final Kind[] KINDS = Kind.values();

  /** Any edit: a kind, a position up to 2^16, a byte value and a length of 1 to 64. */
  static ByteEdit random(SplittableRandom random) {
    return new ByteEdit(
        KINDS[random.nextInt(KINDS.length)],
        random.nextInt((1 << 16) + 1),
        random.nextInt(256),
        1 + random.nextInt(64));
  }

  byte[] apply(byte[] record) {
    int n = record.length;
    int position = n == 0 ? 0 : at % n;
    switch (kind) {
      case FLIP_BIT:
        if (n == 0) {
          return record;
        }
        byte[] flipped = record.clone();
        flipped[position] ^= (byte) (1 << (value & 7));
        return flipped;
      case SET_BYTE:
        if (n == 0) {
          return new byte[] {(byte) value};
        }
        byte[] set = record.clone();
        set[position] = (byte) value;
        return set;
      case INSERT_BYTE:
        return splice(record, at % (n + 1), 0, new byte[] {(byte) value});
      case INSERT_TOKEN:
        return splice(record, at % (n + 1), 0, token());
      case OVERWRITE_TOKEN:
        byte[] token = token();
        return splice(record, position, Math.min(token.length, n - position), token);
      case DELETE:
        return splice(record, position, Math.min(length, n - position), new byte[0]);
      case DUPLICATE:
        byte[] copy = Arrays.copyOfRange(record, position, Math.min(n, position + length));
        return splice(record, position, 0, copy);
      case TRUNCATE:
        return Arrays.copyOf(record, position);
      default:
        throw new IllegalStateException(kind.toString());
    }
  }

  private byte[] token() {
    return TOKENS.get(value % TOKENS.size());
  }

  private static byte[] splice(byte[] record, int at, int removed, byte[] inserted) {
    byte[] out = new byte[record.length - removed + inserted.length];
    System.arraycopy(record, 0, out, 0, at);
    System.arraycopy(inserted, 0, out, at, inserted.length);
    System.arraycopy(record, at + removed, out, at + inserted.length, record.length - at - removed);
    return out;
  }

  private static byte[] text(String text) {
    return text.getBytes(UTF_8);
  }

  private static byte[] bytes(int... values) {
    byte[] out = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (byte) values[i];
    }
    return out;
  }
}
