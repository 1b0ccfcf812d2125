package io.agentry.wire;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.agentry.wire.fuzz.HangGuard;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hostile task records: {@link WireCodec#decodeTask} returns a task or throws {@link
 * WireFormatException}, nothing else, within {@link HangGuard}'s bound, and every task it accepts
 * survives a round trip.
 */
class TaskRecordFuzzTest extends RecordFuzzing {

  /** Small, full, hand-written, and at the limits. */
  @Override
  List<byte[]> validRecords() {
    return List.of(
        WireCodec.encode(Samples.minimalTask()),
        WireCodec.encode(Samples.fullTask()),
        Samples.taskJson().getBytes(UTF_8),
        WireCodec.encode(taskAtTheLimits()));
  }

  @Override
  String decode(byte[] record) {
    return Fuzzing.acceptsOrRefuses(record, WireCodec::decodeTask, WireCodec::encode);
  }

  /**
   * 64 args, 64 env entries and the largest timeout and memory: one more of anything is refused.
   */
  static TaskMessage taskAtTheLimits() {
    List<String> args = new ArrayList<>();
    Map<String, String> env = new LinkedHashMap<>();
    for (int i = 0; i < TaskLimits.MAX_ARGS; i++) {
      args.add("a" + i);
      env.put("K" + i, "v" + i);
    }
    return new TaskMessage(
        Samples.TASK_ID,
        Samples.AGENT_ID,
        Samples.USER_ID,
        Samples.HASH,
        new byte[] {1, 2, 3},
        args,
        env,
        TaskLimits.MAX_TIMEOUT_MS,
        TaskLimits.MAX_MEMORY_MB,
        Instant.parse("2025-03-01T12:00:00.000000001Z"));
  }
}
