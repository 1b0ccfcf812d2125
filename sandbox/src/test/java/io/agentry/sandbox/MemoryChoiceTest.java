package io.agentry.sandbox;

import static io.agentry.sandbox.TestAgents.wasm;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentry.wire.TaskStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A module's runs get copy-on-write memory until one of them runs long enough for allocating a
 * whole flat memory not to matter; from then on they get a flat memory, and run the same.
 */
class MemoryChoiceTest {

  private static final Sandbox SANDBOX = new Sandbox(1024 * 1024);

  @AfterAll
  static void close() {
    SANDBOX.close();
  }

  @Test
  void aModuleWhoseRunsAreTinyKeepsCopyOnWriteMemory() {
    PreparedModule uppercase = PreparedModule.prepare(SampleAgents.wasm(SampleAgents.UPPERCASE));
    for (int i = 0; i < 3; i++) {
      RunOutcome outcome = SANDBOX.run(uppercase, request("hello"));
      assertEquals("HELLO", new String(outcome.result().stdout(), UTF_8));
    }

    assertFalse(uppercase.flatMemory());
  }

  @Test
  void aModuleGetsAFlatMemoryOnceARunOfItTookLongAndStillRunsTheSame() {
    PreparedModule busy = PreparedModule.prepare(wasm(TestAgents.busyFor(300)));
    assertFalse(busy.flatMemory());

    assertEquals(TaskStatus.SUCCEEDED, SANDBOX.run(busy, request("")).status());
    assertTrue(busy.flatMemory());
    RunOutcome flat = SANDBOX.run(busy, request(""));
    assertEquals(TaskStatus.SUCCEEDED, flat.status());
    assertEquals("done", new String(flat.result().stdout(), UTF_8));
  }

  @Test
  void aLargerInitialMemoryNeedsALongerRunFirst() {
    PreparedModule twoMib =
        PreparedModule.prepare(
            wasm("(module (memory (export \"memory\") 32) (func (export \"_start\")))"));
    // 32 pages: 5 ms, and 1 ms for each of its 2 MiB.
    twoMib.ranFor(PreparedModule.LONG_RUN_CPU_MS + 1);
    assertFalse(twoMib.flatMemory());
    twoMib.ranFor(PreparedModule.LONG_RUN_CPU_MS + 2);
    assertTrue(twoMib.flatMemory());
  }

  private static RunRequest request(String stdin) {
    return new RunRequest(stdin.getBytes(UTF_8), List.of("agent"), Map.of(), 10_000, 16);
  }
}
