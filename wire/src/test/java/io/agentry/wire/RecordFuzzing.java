package io.agentry.wire;

import io.agentry.wire.fuzz.ByteEdit;
import io.agentry.wire.fuzz.FuzzInputs;
import io.agentry.wire.fuzz.JsonEdit;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The fuzz tests of one decoder: mutations of valid records, byte-level and structure-aware, and
 * records built from no valid one. Each input decodes one record; the subclass names the valid
 * records and the decoder. Inputs come from a seeded random source and their count scales with
 * {@code -Dagentry.fuzz.scale} ({@link FuzzInputs}).
 */
abstract class RecordFuzzing {

  private List<byte[]> seeds;
  private List<JsonEdit.Node> seedTrees;

  /** Valid records of the decoder's kind, to mutate. */
  abstract List<byte[]> validRecords();

  /** Decodes {@code record} with {@link Fuzzing#acceptsOrRefuses} and returns the outcome. */
  abstract String decode(byte[] record);

  @Test
  void byteMutationsOfValidRecords() {
    run(
        "byteMutationsOfValidRecords",
        225_000,
        random -> {
          byte[] record = records().get(random.nextInt(records().size()));
          for (ByteEdit edit : FuzzInputs.listOf(random, 4, ByteEdit::random)) {
            record = edit.apply(record, RecordDictionary.TOKENS);
          }
          return decode(record);
        });
  }

  @Test
  void structuralMutationsOfValidRecords() {
    run(
        "structuralMutationsOfValidRecords",
        225_000,
        random -> {
          JsonEdit.Node tree = trees().get(random.nextInt(records().size())).copy();
          for (JsonEdit edit : FuzzInputs.listOf(random, 4, JsonEdit::random)) {
            edit.apply(tree, RecordDictionary.VALUES, RecordDictionary.NAMES);
          }
          byte[] record = tree.write();
          for (ByteEdit edit : FuzzInputs.atMostOne(random, ByteEdit::random)) {
            record = edit.apply(record, RecordDictionary.TOKENS);
          }
          return decode(record);
        });
  }

  @Test
  void randomBytes() {
    run(
        "randomBytes",
        25_000,
        random -> decode(Fuzzing.randomBytes(random.nextLong(), random.nextInt(601))));
  }

  @Test
  void tokenSoup() {
    run(
        "tokenSoup",
        25_000,
        random -> decode(Fuzzing.tokenSoup(random.nextLong(), random.nextInt(81))));
  }

  private void run(
      String test, int count, java.util.function.Function<SplittableRandom, String> input) {
    FuzzInputs.run(getClass().getSimpleName() + "." + test, count, input);
  }

  private List<byte[]> records() {
    if (seeds == null) {
      seeds = validRecords();
      seedTrees = seeds.stream().map(JsonEdit.Node::of).toList();
    }
    return seeds;
  }

  private List<JsonEdit.Node> trees() {
    records();
    return seedTrees;
  }
}
