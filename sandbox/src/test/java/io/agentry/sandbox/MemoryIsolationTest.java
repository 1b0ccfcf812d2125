package io.agentry.sandbox;

import static io.agentry.sandbox.TestAgents.wasm;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
