package io.agentry.wire;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.params.provider.Arguments;

/** Table rows for bad records and the one way every row is checked. */
final class Rejections {
  private Rejections() {}

  /** A bad record whose taskId is still readable. */
  static Arguments withTaskId(String name, String json, String reason) {
    return Arguments.of(name, json.getBytes(UTF_8), reason, true);
  }

  /** A bad record whose taskId cannot be read. */
  static Arguments withoutTaskId(String name, String json, String reason) {
    return Arguments.of(name, json.getBytes(UTF_8), reason, false);
  }

  static Arguments rawWithTaskId(String name, byte[] record, String reason) {
    return Arguments.of(name, record, reason, true);
  }

  /** {@code json} as UTF-8 with its first {@code @} replaced by the raw {@code bytes}. */
  static byte[] withRawBytes(String json, int... bytes) {
    byte[] text = json.getBytes(UTF_8);
    int at = 0;
    while (text[at] != '@') {
      at++;
    }
    byte[] out = new byte[text.length - 1 + bytes.length];
    System.arraycopy(text, 0, out, 0, at);
    for (int i = 0; i < bytes.length; i++) {
      out[at + i] = (byte) bytes[i];
    }
    System.arraycopy(text, at + 1, out, at + bytes.length, text.length - at - 1);
    return out;
  }

  static void assertRejected(
      Consumer<byte[]> decoder, byte[] record, String reason, boolean taskIdReadable) {
    WireFormatException e = assertThrows(WireFormatException.class, () -> decoder.accept(record));
    assertTrue(
        e.reason().contains(reason),
        () -> "reason was: " + e.reason() + "\nexpected it to contain: " + reason);
    assertEquals(
        taskIdReadable ? Optional.of(Samples.TASK_ID) : Optional.empty(),
        e.taskId(),
        "taskId() for reason: " + e.reason());
  }
}
