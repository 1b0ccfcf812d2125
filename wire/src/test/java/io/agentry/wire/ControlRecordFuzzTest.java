package io.agentry.wire;

import io.agentry.wire.fuzz.ByteEdit;
import io.agentry.wire.fuzz.FuzzInputs;
import io.agentry.wire.fuzz.JsonEdit;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Hostile control records: {@link WireCodec#decodeControl} returns a control message or throws
 * {@link WireFormatException}, nothing else. Fewer inputs than tasks and events: the record is
 * small and has one string the others lack.
 */
class ControlRecordFuzzTest {

  private static final byte[] VALID =
      WireCodec.encode(
          TaskControl.cancel(
              Samples.TASK_ID, Samples.USER_ID, Instant.parse("2025-03-01T12:00:02.5Z")));
  private static final JsonEdit.Node VALID_TREE = JsonEdit.Node.of(VALID);

  @Test
  void byteMutationsOfAValidRecord() {
    FuzzInputs.run(
        "ControlRecordFuzzTest.byteMutationsOfAValidRecord",
        20_000,
        random -> {
          byte[] record = VALID;
          for (ByteEdit edit : FuzzInputs.listOf(random, 4, ByteEdit::random)) {
            record = edit.apply(record, RecordDictionary.TOKENS);
          }
          return check(record);
        });
  }

  @Test
  void structuralMutationsOfAValidRecord() {
    FuzzInputs.run(
        "ControlRecordFuzzTest.structuralMutationsOfAValidRecord",
        20_000,
        random -> {
          JsonEdit.Node tree = VALID_TREE.copy();
          for (JsonEdit edit : FuzzInputs.listOf(random, 4, JsonEdit::random)) {
            edit.apply(tree, RecordDictionary.VALUES, RecordDictionary.NAMES);
          }
          return check(tree.write());
        });
  }

  private static String check(byte[] record) {
    return Fuzzing.acceptsOrRefuses(record, WireCodec::decodeControl, WireCodec::encode);
  }
}
