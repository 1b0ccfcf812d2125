package io.agentry.sandbox;

import static io.agentry.sandbox.TestAgents.wasm;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentry.wire.TaskStatus;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * No byte of one run's memory is ever visible to a later run, whatever the sandbox reuses between
 * runs: a hostile user's agent writes a secret over its whole memory, grown pages included, and
 * another user's agent on the same worker thread looks at every byte of its own.
 */
class MemoryIsolationTest {

  private static final Sandbox SANDBOX = new Sandbox(1024 * 1024);
  private static final PreparedModule WRITER =
      PreparedModule.prepare(wasm(TestAgents.secretWriter(false)));
  private static final PreparedModule TRAPPING_WRITER =
      PreparedModule.prepare(wasm(TestAgents.secretWriter(true)));
  private static final PreparedModule READER =
      PreparedModule.prepare(wasm(TestAgents.LEFTOVER_READER));
  private static final RunRequest SECRET =
      new RunRequest(
          "the launch code is 0000".getBytes(UTF_8), List.of("writer"), Map.of(), 10_000, 16);
  private static final RunRequest LOOK =
      new RunRequest(new byte[0], List.of("reader"), Map.of(), 10_000, 16);

  @AfterAll
  static void closeSandbox() {
    SANDBOX.close();
  }

  @Test
  void aRunSeesNoneOfTheSecretThePreviousRunOnItsThreadWrote() {
    for (int round = 0; round < 20; round++) {
      assertEquals(TaskStatus.SUCCEEDED, SANDBOX.run(WRITER, SECRET).status());

      assertClean(SANDBOX.run(READER, LOOK));
    }
  }

  @Test
  void aRunSeesNoneOfTheSecretOfAnEarlierRunThatTrapped() {
    for (int round = 0; round < 20; round++) {
      RunOutcome trapped = SANDBOX.run(TRAPPING_WRITER, SECRET);
      assertEquals(TaskStatus.FAILED, trapped.status());

      assertClean(SANDBOX.run(READER, LOOK));
    }
  }

  @Test
  void aRunSeesNoneOfTheSecretOfARunOfTheSameModule() {
    // The same binary, so the same cached compiled module, for both users.
    assertEquals(TaskStatus.SUCCEEDED, SANDBOX.run(WRITER, SECRET).status());

    RunOutcome second =
        SANDBOX.run(WRITER, new RunRequest(new byte[0], List.of("writer"), Map.of(), 10_000, 16));

    assertEquals(TaskStatus.SUCCEEDED, second.status());
    assertClean(SANDBOX.run(READER, LOOK));
  }

  @Test
  void runsOnOtherThreadsAtTheSameTimeSeeNoneOfTheSecret() throws Exception {
    ExecutorService workers = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 10; round++) {
        var writer = workers.submit(() -> SANDBOX.run(WRITER, SECRET));
        var reader = workers.submit(() -> SANDBOX.run(READER, LOOK));
        assertEquals(TaskStatus.SUCCEEDED, writer.get().status());
        assertClean(reader.get());
      }
    } finally {
      workers.shutdownNow();
    }
  }

  @Test
  void runsWithCopyOnWriteMemorySeeNoneOfTheSecret() {
    // The agents above have small memories, so flat ones; these get copy-on-write chunks.
    PreparedModule writer = PreparedModule.prepare(wasm(TestAgents.secretWriter(false)));
    PreparedModule reader = PreparedModule.prepare(wasm(TestAgents.LEFTOVER_READER));
    assertTrue(WRITER.flatMemory() && READER.flatMemory());
    writer.useFlatMemory(false);
    reader.useFlatMemory(false);

    for (int round = 0; round < 20; round++) {
      assertEquals(TaskStatus.SUCCEEDED, SANDBOX.run(writer, SECRET).status());

      assertClean(SANDBOX.run(reader, LOOK));
      assertClean(SANDBOX.run(READER, LOOK));
    }
    assertEquals(TaskStatus.SUCCEEDED, SANDBOX.run(WRITER, SECRET).status());
    assertClean(SANDBOX.run(reader, LOOK));
  }

  @Test
  void aRunThatOverwritesItsDataSegmentLeavesTheNextRunTheModulesBytes() {
    for (boolean flat : new boolean[] {false, true}) {
      overwriteTheDataSegmentThenLook(flat);
    }
  }

  private static void overwriteTheDataSegmentThenLook(boolean flat) {
    // The data segment's chunk is shared by every run of the module until a run writes to it.
    String wat =
        """
        (module
          (import "wasi_snapshot_preview1" "fd_read"
            (func $fd_read (param i32 i32 i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "fd_write"
            (func $fd_write (param i32 i32 i32 i32) (result i32)))
          (memory (export "memory") 1)
          (data (i32.const 1024) "original")
          (func (export "_start")
            (i32.store (i32.const 0) (i32.const 1024))
            (i32.store (i32.const 4) (i32.const 8))
            (drop (call $fd_read (i32.const 0) (i32.const 0) (i32.const 1) (i32.const 8)))
            (i32.store (i32.const 16) (i32.const 1024))
            (i32.store (i32.const 20) (i32.const 8))
            (drop (call $fd_write (i32.const 1) (i32.const 16) (i32.const 1) (i32.const 24)))))
        """;
    PreparedModule module = PreparedModule.prepare(wasm(wat));
    module.useFlatMemory(flat);
    RunRequest overwrite =
        new RunRequest("tampered".getBytes(UTF_8), List.of("agent"), Map.of(), 10_000, 16);
    RunRequest look = new RunRequest(new byte[0], List.of("agent"), Map.of(), 10_000, 16);

    for (int round = 0; round < 5; round++) {
      assertEquals("tampered", new String(SANDBOX.run(module, overwrite).result().stdout(), UTF_8));

      assertEquals("original", new String(SANDBOX.run(module, look).result().stdout(), UTF_8));
    }
  }

  private static void assertClean(RunOutcome outcome) {
    byte[] stdout = outcome.result().stdout();
    String seen =
        stdout.length == 4
            ? "a non-zero byte at address "
                + ((stdout[0] & 0xFF)
                    | (stdout[1] & 0xFF) << 8
                    | (stdout[2] & 0xFF) << 16
                    | (stdout[3] & 0xFF) << 24)
            : new String(stdout, UTF_8);
    assertEquals("clean", seen, "the reader's memory held what an earlier run wrote");
    assertEquals(TaskStatus.SUCCEEDED, outcome.status());
  }
}
