package io.agentry.wire.fuzz;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One byte-level change to an input, as a coverage-less fuzzer makes them: flip a bit, overwrite,
 * insert or delete bytes, copy a range, cut the input short, or splice in a token from a list the
 * caller gives (JSON syntax, LEB128 numbers, opcodes). Positions and lengths are taken modulo the
 * input's size, so any edit applies to any input.
 */
public record ByteEdit(Kind kind, int at, int value, int length) {

  public enum Kind {
    FLIP_BIT,
    SET_BYTE,
    INSERT_BYTE,
    INSERT_TOKEN,
    OVERWRITE_TOKEN,
    DELETE,
    DUPLICATE,
    TRUNCATE
  }

  private static final Kind[] KINDS = Kind.values();

  /** Any edit: a kind, a position up to 2^16, a byte value and a length of 1 to 64. */
  public static ByteEdit random(SplittableRandom random) {
    return new ByteEdit(
        KINDS[random.nextInt(KINDS.length)],
        random.nextInt((1 << 16) + 1),
        random.nextInt(256),
        1 + random.nextInt(64));
  }

  /** The edited copy of {@code input}; the token edits pick from {@code tokens}. */
  public byte[] apply(byte[] input, List<byte[]> tokens) {
    int n = input.length;
    int position = n == 0 ? 0 : at % n;
    switch (kind) {
      case FLIP_BIT:
        if (n == 0) {
          return input;
        }
        byte[] flipped = input.clone();
        flipped[position] ^= (byte) (1 << (value & 7));
        return flipped;
      case SET_BYTE:
        if (n == 0) {
          return new byte[] {(byte) value};
        }
        byte[] set = input.clone();
        set[position] = (byte) value;
        return set;
      case INSERT_BYTE:
        return splice(input, at % (n + 1), 0, new byte[] {(byte) value});
      case INSERT_TOKEN:
        return splice(input, at % (n + 1), 0, tokens.get(value % tokens.size()));
      case OVERWRITE_TOKEN:
        byte[] token = tokens.get(value % tokens.size());
        return splice(input, position, Math.min(token.length, n - position), token);
      case DELETE:
        return splice(input, position, Math.min(length, n - position), new byte[0]);
      case DUPLICATE:
        byte[] copy = Arrays.copyOfRange(input, position, Math.min(n, position + length));
        return splice(input, position, 0, copy);
      case TRUNCATE:
        return Arrays.copyOf(input, position);
      default:
        throw new IllegalStateException(kind.toString());
    }
  }

  /** {@code input} with {@code removed} bytes at {@code at} replaced by {@code inserted}. */
  public static byte[] splice(byte[] input, int at, int removed, byte[] inserted) {
    byte[] out = new byte[input.length - removed + inserted.length];
    System.arraycopy(input, 0, out, 0, at);
    System.arraycopy(inserted, 0, out, at, inserted.length);
    System.arraycopy(input, at + removed, out, at + inserted.length, input.length - at - removed);
    return out;
  }

  /** The bytes of {@code values}, each taken as an unsigned byte. */
  public static byte[] bytes(int... values) {
    byte[] out = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (byte) values[i];
    }
    return out;
  }
}
