package io.agentry.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentry.wire.TaskStatus;
import io.agentry.wire.TaskUsage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The usage figures of each run: CPU and wall time, peak memory, output before truncation. */
class RunUsageTest {

  private static final Sandbox SANDBOX = new Sandbox(1000);

  @AfterAll
  static void close() {
    SANDBOX.close();
  }

  @Test
  void outputIsCountedBeforeTruncation() {
    RunOutcome outcome = run(TestAgents.flood(100), 16);

    TaskUsage usage = outcome.result().usage();
    assertEquals(1000, outcome.result().stdout().length);
    assertEquals(6400, usage.stdoutBytes());
    assertEquals(0, usage.stderrBytes());
  }

  @Test
  void aBusyRunReportsItsCpuTimeWithinItsWallTime() {
    RunOutcome outcome = run(TestAgents.busyFor(300), 16);

    TaskUsage usage = outcome.result().usage();
    assertEquals(TaskStatus.SUCCEEDED, outcome.status(), outcome.result().error());
    assertTrue(usage.wallMs() >= 300, usage.toString());
    assertTrue(usage.cpuMs() > 0 && usage.cpuMs() <= usage.wallMs() + 50, usage.toString());
  }

  @Test
  void thePeakCountsTheGrownMemoryAndTheTable() {
    String grows =
        """
        (module
          (memory (export "memory") 1)
          (table 65536 funcref)
          (func (export "_start") (drop (memory.grow (i32.const 79)))))
        """;

    RunOutcome outcome = run(grows, 16);

    // 80 pages (5 MiB) of memory and 65,536 table entries of 16 bytes (1 MiB).
    assertEquals(TaskStatus.SUCCEEDED, outcome.status(), outcome.result().error());
    assertEquals(6, outcome.result().usage().memoryPeakMb());
  }

  @Test
  void aTaskThatNeverRanHasNoUsage() {
    assertNull(RunOutcome.failed("the binary could not be fetched").result().usage());
    assertNotNull(run(TestAgents.UNREACHABLE, 16).result().usage());
  }

  private static RunOutcome run(String wat, int maxMemoryMb) {
    return SANDBOX.run(
        PreparedModule.prepare(TestAgents.wasm(wat)),
        new RunRequest(new byte[0], List.of("usage"), Map.of(), 30_000, maxMemoryMb));
  }
}
