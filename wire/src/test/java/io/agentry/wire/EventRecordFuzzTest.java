package io.agentry.wire;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.agentry.wire.fuzz.HangGuard;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Hostile task-event records: {@link WireCodec#decodeEvent} returns an event or throws {@link
 * WireFormatException}, nothing else, within {@link HangGuard}'s bound, and every event it accepts
 * survives a round trip.
 */
class EventRecordFuzzTest extends RecordFuzzing {

  /** Every status with and without its optional fields, hand-written, and a bare rejection. */
  @Override
  List<byte[]> validRecords() {
    List<byte[]> records = new ArrayList<>();
    for (TaskStatus status : TaskStatus.values()) {
      records.add(WireCodec.encode(Samples.event(status, true)));
      records.add(WireCodec.encode(Samples.event(status, false)));
    }
    records.add(Samples.eventJson().getBytes(UTF_8));
    records.add(
        WireCodec.encode(
            TaskEvent.rejected(
                Samples.TASK_ID, null, null, null, Instant.EPOCH, "record is not valid UTF-8")));
    return records;
  }

  @Override
  String decode(byte[] record) {
    return Fuzzing.acceptsOrRefuses(record, WireCodec::decodeEvent, WireCodec::encode);
  }
}
