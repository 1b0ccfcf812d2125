package io.agentry.wire;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** Valid messages and hand-written JSON records that tests start from. */
final class Samples {
  static final UUID TASK_ID = UUID.fromString("7d0a1c2e-3b4f-4a5b-8c6d-7e8f9a0b1c2d");
  static final UUID AGENT_ID = UUID.fromString("11111111-2222-4333-8444-555555555555");
  static final UUID USER_ID = UUID.fromString("aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee");
  static final String HASH = "0123456789abcdef".repeat(4);
  static final Instant SUBMITTED_AT = Instant.parse("2025-03-01T12:34:56.789123456Z");

  /** An override value that removes the field instead of replacing it. */
  static final String ABSENT = "<absent>";

  private Samples() {}

  static byte[] allByteValues() {
    byte[] bytes = new byte[256];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) i;
    }
    return bytes;
  }

  static TaskMessage fullTask() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("ZETA", "last letter first");
    env.put("GRÜSSE", "héllo wörld ✓ 🚀");
    env.put("ALPHA", "");
    return new TaskMessage(
        TASK_ID,
        AGENT_ID,
        USER_ID,
        HASH,
        allByteValues(),
        List.of("--mode", "日本語", "emoji 🚀", "", "quote \" backslash \\ tab \t"),
        env,
        120_000,
        256,
        SUBMITTED_AT);
  }

  static TaskMessage minimalTask() {
    return new TaskMessage(
        TASK_ID,
        AGENT_ID,
        USER_ID,
        null,
        new byte[0],
        List.of(),
        Map.of(),
        TaskLimits.DEFAULT_TIMEOUT_MS,
        TaskLimits.DEFAULT_MEMORY_MB,
        Instant.parse("2025-03-01T12:00:00Z"));
  }

  /** A result that fits {@code status}, with every optional field it may carry. */
  static TaskResult fullResult(TaskStatus status) {
    Integer exitCode =
        switch (status) {
          case SUCCEEDED -> 0;
          case FAILED -> 3;
          default -> null;
        };
    String error = status == TaskStatus.SUCCEEDED ? null : "the agent stopped: " + status;
    return new TaskResult(
        exitCode,
        allByteValues(),
        "warn ✓\n".getBytes(UTF_8),
        true,
        false,
        1234,
        error,
        new TaskUsage(1100, 1234, 17, 2_000_000, 9));
  }

  /** An event of {@code status}, with or without the optional fields it may carry. */
  static TaskEvent event(TaskStatus status, boolean withOptionalFields) {
    int attempt = status == TaskStatus.QUEUED ? 0 : 2;
    String executorId = withOptionalFields && status != TaskStatus.QUEUED ? "executor-7" : null;
    TaskResult result = null;
    if (status.isTerminal()) {
      result =
          withOptionalFields || status == TaskStatus.SUCCEEDED
              ? fullResult(status)
              : new TaskResult(null, new byte[0], new byte[0], false, false, 0, "stopped");
    }
    return new TaskEvent(
        TASK_ID, AGENT_ID, USER_ID, status, SUBMITTED_AT, attempt, executorId, result);
  }

  /** A valid task record, with {@code overrides} as name, raw JSON value pairs. */
  static String taskJson(String... overrides) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("specVersion", "1");
    fields.put("taskId", quote(TASK_ID));
    fields.put("agentId", quote(AGENT_ID));
    fields.put("userId", quote(USER_ID));
    fields.put("binaryHash", quote(HASH));
    fields.put("input", quote("aGVsbG8="));
    fields.put("args", "[\"--upper\",\"x\"]");
    fields.put("env", "{\"LANG\":\"C\",\"PATH\":\"/bin\"}");
    fields.put("timeoutMs", "30000");
    fields.put("maxMemoryMb", "64");
    fields.put("submittedAt", quote("2025-03-01T12:34:56Z"));
    return object(fields, overrides);
  }

  /** A valid SUCCEEDED event record, with {@code overrides} as name, raw JSON value pairs. */
  static String eventJson(String... overrides) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("specVersion", "1");
    fields.put("taskId", quote(TASK_ID));
    fields.put("agentId", quote(AGENT_ID));
    fields.put("userId", quote(USER_ID));
    fields.put("status", quote("SUCCEEDED"));
    fields.put("at", quote("2025-03-01T12:34:57.5Z"));
    fields.put("attempt", "1");
    fields.put("executorId", quote("executor-1"));
    fields.put("result", resultJson());
    return object(fields, overrides);
  }

  /** A valid result of a SUCCEEDED event, with {@code overrides} as name, raw JSON value pairs. */
  static String resultJson(String... overrides) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("exitCode", "0");
    fields.put("stdout", quote("b2s="));
    fields.put("stderr", quote(""));
    fields.put("stdoutTruncated", "false");
    fields.put("stderrTruncated", "false");
    fields.put("durationMs", "12");
    return object(fields, overrides);
  }

  static String quote(Object text) {
    return "\"" + text + "\"";
  }

  /** A JSON array of {@code count} copies of the raw JSON value {@code element}. */
  static String array(int count, String element) {
    return "[" + String.join(",", Collections.nCopies(count, element)) + "]";
  }

  private static String object(Map<String, String> fields, String... overrides) {
    for (int i = 0; i < overrides.length; i += 2) {
      if (ABSENT.equals(overrides[i + 1])) {
        fields.remove(overrides[i]);
      } else {
        fields.put(overrides[i], overrides[i + 1]);
      }
    }
    return fields.entrySet().stream()
        .map(field -> quote(field.getKey()) + ":" + field.getValue())
        .collect(Collectors.joining(",", "{", "}"));
  }
}
