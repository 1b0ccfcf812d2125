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
 * A module whose initial memory is small gets a flat memory for all its runs, a larger one
 * copy-on-write memory; both run the same.
 */
class MemoryChoiceTest {

  private static final Sandbox SANDBOX = new Sandbox(1024 * 1024);

  @AfterAll
  static void close() {
    SANDBOX.close();
  }

  @Test
  void aModuleWithASmallInitialMemoryGetsAFlatMemory() {
    PreparedModule uppercase = PreparedModule.prepare(SampleAgents.wasm(SampleAgents.UPPERCASE));

    assertTrue(uppercase.flatMemory());
    assertEquals("HELLO", stdout(SANDBOX.run(uppercase, request("hello"))));
  }

  @Test
  void aModuleWithALargerInitialMemoryGetsCopyOnWriteMemoryAndRunsTheSame() {
    String wat =
        TestAgents.UPPERCASE.replace(
            "(memory (export \"memory\") 1)",
            "(memory (export \"memory\") "
                + (PreparedModule.FLAT_MEMORY_MAX_INITIAL_PAGES + 1)
                + ")");
    PreparedModule larger = PreparedModule.prepare(wasm(wat));
    PreparedModule small = PreparedModule.prepare(wasm(TestAgents.UPPERCASE));

    assertFalse(larger.flatMemory());
    assertTrue(small.flatMemory());
    assertEquals("ABC", stdout(SANDBOX.run(larger, request("abc"))));
    assertEquals("ABC", stdout(SANDBOX.run(small, request("abc"))));
  }

  private static String stdout(RunOutcome outcome) {
    assertEquals(TaskStatus.SUCCEEDED, outcome.status(), outcome.result().error());
    return new String(outcome.result().stdout(), UTF_8);
  }

  private static RunRequest request(String stdin) {
    return new RunRequest(stdin.getBytes(UTF_8), List.of("agent"), Map.of(), 10_000, 16);
  }
}
