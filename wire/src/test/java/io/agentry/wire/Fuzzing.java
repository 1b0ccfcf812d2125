package io.agentry.wire;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agentry.wire.fuzz.HangGuard;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

/** The one check every fuzz input gets, and generators for inputs that start from no record. */
final class Fuzzing {
  private Fuzzing() {}

  /**
   * {@code decode} either returns a message or throws {@link WireFormatException} with a reason,
   * within {@link HangGuard}'s bound; a message it returns re-encodes to a record that decodes to
   * an equal message and encodes to the same bytes again.
   */
  static <T> String acceptsOrRefuses(
      byte[] record, Function<byte[], T> decode, Function<T, byte[]> encode) {
    T decoded;
    try {
      decoded = HangGuard.run(record, () -> decode.apply(record));
    } catch (WireFormatException e) {
      if (e.reason() == null || e.reason().isBlank()) {
        throw new AssertionError("refused without a reason: " + HangGuard.show(record), e);
      }
      return "refused: " + stage(e.reason());
    } catch (RuntimeException | StackOverflowError e) {
      throw new AssertionError(
          "threw " + e + " instead of WireFormatException for " + HangGuard.show(record), e);
    }
    if (decoded == null) {
      throw new AssertionError("decoded to null: " + HangGuard.show(record));
    }
    byte[] encoded = encode.apply(decoded);
    T again;
    try {
      again = decode.apply(encoded);
    } catch (WireFormatException e) {
      throw new AssertionError(
          "the re-encoded form of an accepted record is refused ("
              + e.reason()
              + "); record: "
              + HangGuard.show(record),
          e);
    }
    assertEquals(decoded, again, () -> "round trip changed the message of " + show(record));
    assertArrayEquals(
        encoded, encode.apply(again), () -> "encoding is not stable for " + show(record));
    return "accepted";
  }

  /** How far a refused record got, for the outcome counts each fuzz test prints. */
  private static String stage(String reason) {
    if (reason.startsWith("record exceeds a parser limit")) {
      return "parser limit (nesting, number length, tokens)";
    }
    if (reason.startsWith("record ") && !reason.startsWith("record must be")
        || reason.startsWith("not JSON: NUL")) {
      return "bytes (empty, size, UTF-8, NUL, BOM)";
    }
    if (reason.startsWith("duplicate field")) {
      return "duplicate field";
    }
    if (reason.startsWith("not JSON") || reason.startsWith("record must be")) {
      return "JSON syntax or not an object";
    }
    if (reason.contains("specVersion")) {
      return "specVersion";
    }
    if (reason.startsWith("unknown field")) {
      return "unknown field";
    }
    if (reason.startsWith("missing field")) {
      return "missing field";
    }
    return "field type, value or consistency";
  }

  private static String show(byte[] record) {
    return HangGuard.show(record);
  }

  /** {@code length} bytes drawn from {@code seed}. */
  static byte[] randomBytes(long seed, int length) {
    byte[] bytes = new byte[length];
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < length; i++) {
      bytes[i] = (byte) random.nextInt(256);
    }
    return bytes;
  }

  /**
   * A record of {@code count} pieces drawn from {@code seed}: JSON and UTF-8 tokens, field names,
   * hostile values and single bytes, so that it often gets past the first few parser states.
   */
  static byte[] tokenSoup(long seed, int count) {
    SplittableRandom random = new SplittableRandom(seed);
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    out.write('{');
    for (int i = 0; i < count; i++) {
      switch (random.nextInt(4)) {
        case 0 -> out.writeBytes(pick(random, RecordDictionary.TOKENS));
        case 1 ->
            out.writeBytes(("\"" + pick(random, RecordDictionary.NAMES) + "\":").getBytes(UTF_8));
        case 2 -> out.writeBytes(pick(random, RecordDictionary.VALUES).getBytes(UTF_8));
        default -> out.write(random.nextInt(256));
      }
    }
    if (random.nextBoolean()) {
      out.write('}');
    }
    return out.toByteArray();
  }

  private static <T> T pick(SplittableRandom random, List<T> values) {
    return values.get(random.nextInt(values.size()));
  }
}
