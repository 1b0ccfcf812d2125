package io.agentry.wire;

import java.util.Objects;

/**
 * The strict JSON codec for Kafka record values. Thread-safe and stateless. Decoding accepts only
 * what docs/contract.md section 3 describes and throws {@link WireFormatException} for anything
 * else; encoding writes UTF-8 JSON that decoding accepts, omitting absent optional fields.
 */
public final class WireCodec {
  private WireCodec() {}

  /** The value of a record on {@link Topics#AGENT_TASKS}. */
  public static byte[] encode(TaskMessage task) {
    return TaskCodec.write(Objects.requireNonNull(task, "task"));
  }

  /** Reads a record from {@link Topics#AGENT_TASKS}; {@code record} may be null (a tombstone). */
  public static TaskMessage decodeTask(byte[] record) {
    return TaskCodec.read(record);
  }

  /** The value of a record on {@link Topics#TASK_EVENTS}. */
  public static byte[] encode(TaskEvent event) {
    return EventCodec.write(Objects.requireNonNull(event, "event"));
  }

  /** Reads a record from {@link Topics#TASK_EVENTS}; {@code record} may be null (a tombstone). */
  public static TaskEvent decodeEvent(byte[] record) {
    return EventCodec.read(record);
  }

  /** The value of a record on {@link Topics#TASK_CONTROL}. */
  public static byte[] encode(TaskControl control) {
    return ControlCodec.write(Objects.requireNonNull(control, "control"));
  }

  /** Reads a record from {@link Topics#TASK_CONTROL}; {@code record} may be null (a tombstone). */
  public static TaskControl decodeControl(byte[] record) {
    return ControlCodec.read(record);
  }
}
