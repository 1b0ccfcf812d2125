package io.agentry.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LimitsTest {
  /** Control characters are escaped as six bytes each: the worst case for record size. */
  private static final String WORST_CASE_STRING = "\u0001".repeat(TaskLimits.MAX_STRING_BYTES);

  @Test
  void largestLegalTaskFitsTheTaskRecordCapAndDecodes() {
    List<String> args = new ArrayList<>();
    Map<String, String> env = new LinkedHashMap<>();
    for (int i = 0; i < TaskLimits.MAX_ARGS; i++) {
      args.add(WORST_CASE_STRING);
    }
    for (int i = 0; i < TaskLimits.MAX_ENV_ENTRIES; i++) {
      String key = String.format("%04d", i) + WORST_CASE_STRING.substring(4);
      env.put(key, WORST_CASE_STRING);
    }
    TaskMessage task =
        new TaskMessage(
            Samples.TASK_ID,
            Samples.AGENT_ID,
            Samples.USER_ID,
            Samples.HASH,
            new byte[TaskLimits.MAX_INPUT_BYTES],
            args,
            env,
            TaskLimits.MAX_TIMEOUT_MS,
            TaskLimits.MAX_MEMORY_MB,
            TaskLimits.LATEST_TIMESTAMP);

    byte[] record = WireCodec.encode(task);

    assertTrue(record.length <= TaskLimits.MAX_TASK_RECORD_BYTES, record.length + " bytes");
    assertEquals(task, WireCodec.decodeTask(record));
  }

  @Test
  void largestLegalEventFitsTheEventRecordCapAndDecodes() {
    byte[] output = new byte[TaskLimits.MAX_OUTPUT_CAP_BYTES];
    Arrays.fill(output, (byte) 0xFF);
    String error = "\u0001".repeat(TaskLimits.MAX_ERROR_BYTES);
    TaskResult result = new TaskResult(-1, output, output, true, true, Long.MAX_VALUE, error);
    TaskEvent event =
        new TaskEvent(
            Samples.TASK_ID,
            Samples.AGENT_ID,
            Samples.USER_ID,
            TaskStatus.FAILED,
            TaskLimits.LATEST_TIMESTAMP,
            Integer.MAX_VALUE,
            "\u0001".repeat(TaskLimits.MAX_EXECUTOR_ID_BYTES),
            result);

    byte[] record = WireCodec.encode(event);

    assertTrue(record.length <= TaskLimits.MAX_EVENT_RECORD_BYTES, record.length + " bytes");
    assertEquals(event, WireCodec.decodeEvent(record));
  }

  @Test
  void valuesAtTheirBoundsAreAccepted() {
    TaskMessage v = Samples.minimalTask();
    TaskMessage low =
        new TaskMessage(
            v.taskId(),
            v.agentId(),
            v.userId(),
            null,
            v.input(),
            List.of(),
            Map.of(),
            TaskLimits.MIN_TIMEOUT_MS,
            TaskLimits.MIN_MEMORY_MB,
            v.submittedAt());
    TaskMessage high =
        new TaskMessage(
            v.taskId(),
            v.agentId(),
            v.userId(),
            null,
            new byte[TaskLimits.MAX_INPUT_BYTES],
            List.of("é".repeat(TaskLimits.MAX_STRING_BYTES / 2)),
            Map.of("K", "v"),
            TaskLimits.MAX_TIMEOUT_MS,
            TaskLimits.MAX_MEMORY_MB,
            v.submittedAt());
    assertEquals(low, WireCodec.decodeTask(WireCodec.encode(low)));
    assertEquals(high, WireCodec.decodeTask(WireCodec.encode(high)));
  }

  @Test
  void contractDefaultsAreAsDocumented() {
    assertEquals(30_000, TaskLimits.DEFAULT_TIMEOUT_MS);
    assertEquals(64, TaskLimits.DEFAULT_MEMORY_MB);
    assertEquals(1024 * 1024, TaskLimits.DEFAULT_OUTPUT_CAP_BYTES);
    assertEquals(50L * 1024 * 1024, TaskLimits.MAX_BINARY_BYTES);
    assertEquals(1, TaskLimits.SPEC_VERSION);
  }
}
