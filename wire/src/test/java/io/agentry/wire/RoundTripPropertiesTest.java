package io.agentry.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agentry.wire.fuzz.FuzzInputs;
import io.agentry.wire.fuzz.HangGuard;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Every message Java can build survives encode then decode unchanged, and encodes to the same bytes
 * again: generated tasks, events and control messages with any ids, any instant (years far outside
 * 0000-9999 included), any Unicode the rules allow and sizes up to the limits. Inputs come from a
 * seeded random source ({@link FuzzInputs}); numbers hit their bounds now and then.
 */
class RoundTripPropertiesTest {

  private static final String HEX = "0123456789abcdef";

  @Test
  void everyValidTaskSurvivesARoundTrip() {
    FuzzInputs.run(
        "RoundTripPropertiesTest.everyValidTaskSurvivesARoundTrip",
        10_000,
        random -> {
          TaskMessage task = task(random);
          byte[] record = WireCodec.encode(task);
          TaskMessage decoded = HangGuard.run(record, () -> WireCodec.decodeTask(record));
          assertEquals(task, decoded);
          assertArrayEquals(record, WireCodec.encode(decoded));
          return "round trip";
        });
  }

  @Test
  void everyValidEventSurvivesARoundTrip() {
    FuzzInputs.run(
        "RoundTripPropertiesTest.everyValidEventSurvivesARoundTrip",
        10_000,
        random -> {
          TaskEvent event = event(random);
          byte[] record = WireCodec.encode(event);
          TaskEvent decoded = HangGuard.run(record, () -> WireCodec.decodeEvent(record));
          assertEquals(event, decoded);
          assertArrayEquals(record, WireCodec.encode(decoded));
          return event.status().toString();
        });
  }

  @Test
  void everyValidControlSurvivesARoundTrip() {
    FuzzInputs.run(
        "RoundTripPropertiesTest.everyValidControlSurvivesARoundTrip",
        5_000,
        random -> {
          TaskControl control = TaskControl.cancel(uuid(random), uuid(random), instant(random));
          byte[] record = WireCodec.encode(control);
          assertEquals(control, HangGuard.run(record, () -> WireCodec.decodeControl(record)));
          return "round trip";
        });
  }

  static TaskMessage task(SplittableRandom random) {
    String hash = null;
    if (random.nextInt(10) >= 3) {
      StringBuilder text = new StringBuilder(64);
      for (int i = 0; i < 64; i++) {
        text.append(HEX.charAt(random.nextInt(HEX.length())));
      }
      hash = text.toString();
    }
    byte[] input = bytes(random, 300);
    List<String> args = new ArrayList<>();
    int argCount = size(random, TaskLimits.MAX_ARGS);
    for (int i = 0; i < argCount; i++) {
      args.add(argText(random));
    }
    Map<String, String> env = new LinkedHashMap<>();
    int envCount = size(random, TaskLimits.MAX_ENV_ENTRIES);
    for (int i = 0; i < envCount; i++) {
      env.put(envKey(random), argText(random));
    }
    int timeout = between(random, TaskLimits.MIN_TIMEOUT_MS, TaskLimits.MAX_TIMEOUT_MS);
    int memory = between(random, TaskLimits.MIN_MEMORY_MB, TaskLimits.MAX_MEMORY_MB);
    return new TaskMessage(
        uuid(random),
        uuid(random),
        uuid(random),
        hash,
        input,
        args,
        env,
        timeout,
        memory,
        instant(random));
  }

  /** An event the rules allow for its status, its other parts drawn freely. */
  static TaskEvent event(SplittableRandom random) {
    UUID taskId = uuid(random);
    UUID agentIdOrNull = random.nextInt(10) == 0 ? null : uuid(random);
    UUID userIdOrNull = random.nextInt(10) == 0 ? null : uuid(random);
    TaskStatus status = TaskStatus.values()[random.nextInt(TaskStatus.values().length)];
    Instant at = instant(random);
    int attempt =
        random.nextBoolean() ? between(random, 0, 5) : between(random, 0, Integer.MAX_VALUE);
    String executorId =
        random.nextInt(10) < 3
            ? null
            : text(random, TaskLimits.MAX_EXECUTOR_ID_BYTES, id -> !id.isBlank());
    UUID agentId = status == TaskStatus.REJECTED || agentIdOrNull != null ? agentIdOrNull : taskId;
    UUID userId = status == TaskStatus.REJECTED || userIdOrNull != null ? userIdOrNull : taskId;
    int fixedAttempt =
        switch (status) {
          case QUEUED -> 0;
          case RUNNING -> Math.max(1, attempt);
          default -> attempt;
        };
    TaskResult result = null;
    if (status.isTerminal()) {
      int code = between(random, Integer.MIN_VALUE, Integer.MAX_VALUE);
      Integer exitCode =
          switch (status) {
            case SUCCEEDED -> 0;
            case FAILED -> code == 0 ? null : code;
            default -> null;
          };
      byte[] stdout = bytes(random, 300);
      byte[] stderr = bytes(random, 300);
      boolean stdoutTruncated = random.nextBoolean();
      boolean stderrTruncated = random.nextBoolean();
      long duration =
          random.nextBoolean()
              ? longBetween(random, 0, 600_000)
              : longBetween(random, 0, Long.MAX_VALUE);
      String error = text(random, TaskLimits.MAX_ERROR_BYTES, e -> !e.isBlank());
      result =
          new TaskResult(
              exitCode,
              stdout,
              stderr,
              stdoutTruncated,
              stderrTruncated,
              duration,
              status == TaskStatus.SUCCEEDED ? null : error);
    }
    return new TaskEvent(taskId, agentId, userId, status, at, fixedAttempt, executorId, result);
  }

  static UUID uuid(SplittableRandom random) {
    return new UUID(random.nextLong(), random.nextLong());
  }

  /** Any instant a message may carry, with more weight on the years people use. */
  static Instant instant(SplittableRandom random) {
    long seconds =
        random.nextBoolean()
            ? longBetween(random, 0, 4_102_444_800L)
            : longBetween(
                random,
                TaskLimits.EARLIEST_TIMESTAMP.getEpochSecond(),
                TaskLimits.LATEST_TIMESTAMP.getEpochSecond());
    int nanos =
        switch (random.nextInt(3)) {
          case 0 -> 0;
          case 1 -> between(random, 0, 999) * 1_000_000;
          default -> between(random, 0, 999_999_999);
        };
    return Instant.ofEpochSecond(seconds, nanos);
  }

  /** A number from {@code min} to {@code max}, one of the two bounds one time in ten. */
  private static int between(SplittableRandom random, int min, int max) {
    return (int) longBetween(random, min, max);
  }

  private static long longBetween(SplittableRandom random, long min, long max) {
    int edge = random.nextInt(20);
    if (edge == 0) {
      return min;
    }
    if (edge == 1) {
      return max;
    }
    return max == Long.MAX_VALUE ? random.nextLong(min, max) : random.nextLong(min, max + 1);
  }

  /**
   * A list size up to {@code max}, small more often than large, now and then exactly {@code max}.
   */
  private static int size(SplittableRandom random, int max) {
    return switch (random.nextInt(10)) {
      case 0 -> max;
      case 1, 2, 3 -> random.nextInt(max + 1);
      default -> random.nextInt(Math.min(max, 4) + 1);
    };
  }

  private static byte[] bytes(SplittableRandom random, int maxLength) {
    byte[] bytes = new byte[random.nextInt(maxLength + 1)];
    random.nextBytes(bytes);
    return bytes;
  }

  /** Text an arg or env value may hold: no NUL, no unpaired surrogate, at most 4096 bytes. */
  private static String argText(SplittableRandom random) {
    return text(random, TaskLimits.MAX_STRING_BYTES, s -> true);
  }

  private static String envKey(SplittableRandom random) {
    return text(random, TaskLimits.MAX_STRING_BYTES, key -> !key.isEmpty() && key.indexOf('=') < 0);
  }

  /** {@link #text} drawn again until it fits {@code maxBytes} of UTF-8 and {@code accepted}. */
  private static String text(SplittableRandom random, int maxBytes, Predicate<String> accepted) {
    while (true) {
      String text = text(random);
      if (Utf8.encodedLength(text) <= maxBytes && accepted.test(text)) {
        return text;
      }
    }
  }

  /**
   * Strings without NUL or unpaired surrogates: mostly short ASCII, often any code point (escapes,
   * control characters, astral planes), now and then a short one repeated up to 4096 bytes of
   * UTF-8.
   */
  private static String text(SplittableRandom random) {
    int kind = random.nextInt(91);
    if (kind < 60) {
      char[] ascii = new char[random.nextInt(13)];
      for (int i = 0; i < ascii.length; i++) {
        ascii[i] = (char) (' ' + random.nextInt('~' - ' ' + 1));
      }
      return new String(ascii);
    }
    if (kind < 90) {
      return anyCodePoints(random, 0);
    }
    String unit = anyCodePoints(random, 1);
    return unit.repeat(TaskLimits.MAX_STRING_BYTES / Utf8.encodedLength(unit));
  }

  private static String anyCodePoints(SplittableRandom random, int minLength) {
    int length = minLength + random.nextInt(9 - minLength);
    StringBuilder text = new StringBuilder();
    while (text.codePointCount(0, text.length()) < length) {
      int codePoint = 1 + random.nextInt(Character.MAX_CODE_POINT);
      if (codePoint < Character.MIN_SURROGATE || codePoint > Character.MAX_SURROGATE) {
        text.appendCodePoint(codePoint);
      }
    }
    return text.toString();
  }
}
