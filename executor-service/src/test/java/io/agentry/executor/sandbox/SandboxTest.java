package io.agentry.executor.sandbox;

import static io.agentry.executor.sandbox.TestAgents.wasm;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentry.wire.TaskResult;
import io.agentry.wire.TaskStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class SandboxTest {

  private static final int DEFAULT_CAP = 1024 * 1024;
  private static final Sandbox SANDBOX = new Sandbox(DEFAULT_CAP);

  @AfterAll
  static void closeSandbox() {
    SANDBOX.close();
  }

  @Test
  void stdinIsEchoedToStdoutUpperCasedAndTheRunSucceeds() {
    RunOutcome outcome = run(TestAgents.UPPERCASE, request("hello, agent"));

    assertEquals(TaskStatus.SUCCEEDED, outcome.status());
    assertEquals(0, outcome.result().exitCode());
    assertNull(outcome.result().error());
    assertEquals("HELLO, AGENT", stdout(outcome));
    assertFalse(outcome.result().stdoutTruncated());
  }

  @Test
  void argvAndExactlyTheGivenEnvironmentAreVisibleToTheModule() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("A", "1");
    env.put("B", "two");
    RunRequest request =
        new RunRequest(new byte[0], List.of("agent", "--flag", "value"), env, 5_000, 16);

    RunOutcome outcome = run(TestAgents.ARGS_AND_ENV, request);

    assertEquals(TaskStatus.SUCCEEDED, outcome.status());
    assertEquals("agent\0--flag\0value\0", stdout(outcome));
    assertEquals("A=1\0B=two\0", new String(outcome.result().stderr(), UTF_8));
  }

  @Test
  void procExitWithANonZeroCodeFailsWithThatCode() {
    RunOutcome outcome = run(TestAgents.exitWith(3), request(""));

    assertEquals(TaskStatus.FAILED, outcome.status());
    assertEquals(3, outcome.result().exitCode());
    assertEquals("exited with code 3", outcome.result().error());
  }

  @Test
  void procExitWithZeroSucceeds() {
    RunOutcome outcome = run(TestAgents.exitWith(0), request(""));

    assertEquals(TaskStatus.SUCCEEDED, outcome.status());
    assertEquals(0, outcome.result().exitCode());
  }

  @Test
  void anInfiniteLoopTimesOutSoonAfterItsLimit() {
    long start = System.nanoTime();

    RunOutcome outcome = run(TestAgents.INFINITE_LOOP, request("", 200, 16));

    long elapsedMs = (System.nanoTime() - start) / 1_000_000;
    assertEquals(TaskStatus.TIMED_OUT, outcome.status());
    assertNull(outcome.result().exitCode());
    assertEquals("timed out after 200 ms", outcome.result().error());
    assertTrue(elapsedMs < 3_000, "took " + elapsedMs + " ms");
    assertTrue(outcome.result().durationMs() >= 200, "durationMs " + outcome.result().durationMs());
  }

  @Test
  void aTimedOutRunLeavesTheThreadReadyForTheNextTask() {
    run(TestAgents.INFINITE_LOOP, request("", 50, 16));

    assertFalse(Thread.currentThread().isInterrupted());
    RunOutcome next = run(TestAgents.UPPERCASE, request("next"));
    assertEquals(TaskStatus.SUCCEEDED, next.status());
    assertEquals("NEXT", stdout(next));
  }

  @Test
  void unboundedRecursionFailsWithATrap() {
    RunOutcome outcome = run(TestAgents.UNBOUNDED_RECURSION, request(""));

    assertEquals(TaskStatus.FAILED, outcome.status());
    assertNull(outcome.result().exitCode());
    assertTrue(outcome.result().error().startsWith("trapped: "), outcome.result().error());
  }

  @Test
  void unreachableFailsWithATrap() {
    RunOutcome outcome = run(TestAgents.UNREACHABLE, request(""));

    assertEquals(TaskStatus.FAILED, outcome.status());
    assertNull(outcome.result().exitCode());
    assertTrue(outcome.result().error().startsWith("trapped: "), outcome.result().error());
  }

  @Test
  void outputPastTheCapIsDroppedAndFlaggedAsTruncated() {
    try (Sandbox small = new Sandbox(1024)) {
      RunOutcome outcome = small.run(prepare(TestAgents.FLOOD), request(""));

      assertEquals(TaskStatus.SUCCEEDED, outcome.status());
      assertEquals(TestAgents.FLOOD_LINE.repeat(16), stdout(outcome));
      assertTrue(outcome.result().stdoutTruncated());
      assertFalse(outcome.result().stderrTruncated());
    }
  }

  @Test
  void memoryGrowPastTheLimitReturnsMinusOneToTheModule() {
    RunOutcome outcome = run(TestAgents.GROW_TO_SIXTEEN_PAGES_THEN_ONE_MORE, request("", 5_000, 1));

    assertEquals(42, outcome.result().exitCode(), outcome.result().error());
  }

  @Test
  void aModuleDeclaringMoreInitialMemoryThanTheLimitFailsWithoutRunning() {
    RunOutcome outcome = run(TestAgents.THIRTY_TWO_PAGES, request("", 5_000, 1));

    TaskResult result = outcome.result();
    assertEquals(TaskStatus.FAILED, outcome.status());
    assertNull(result.exitCode());
    assertArrayEquals(new byte[0], result.stdout());
    assertTrue(result.error().contains("32 pages (2 MiB)"), result.error());
    assertTrue(result.error().contains("limit of 1 MiB"), result.error());
  }

  @Test
  void theSameModuleWithinItsMemoryLimitRuns() {
    RunOutcome outcome = run(TestAgents.THIRTY_TWO_PAGES, request("", 5_000, 2));

    assertEquals(TaskStatus.SUCCEEDED, outcome.status());
    assertEquals("ran", stdout(outcome));
  }

  @Test
  void anImportOutsideWasiFailsAsUnlinkable() {
    RunOutcome outcome = run(TestAgents.UNKNOWN_IMPORT, request(""));

    assertEquals(TaskStatus.FAILED, outcome.status());
    assertTrue(
        outcome.result().error().startsWith("the module cannot be linked: "),
        outcome.result().error());
  }

  @Test
  void bytesThatAreNotWebAssemblyAreRefusedWhenPrepared() {
    InvalidModuleException e =
        assertThrows(
            InvalidModuleException.class, () -> PreparedModule.prepare("not wasm".getBytes(UTF_8)));

    assertTrue(e.getMessage().startsWith("the binary is not a valid WebAssembly module"));
  }

  @Test
  void aModuleWithoutStartIsRefusedWhenPrepared() {
    byte[] library = wasm(TestAgents.NO_START);

    InvalidModuleException e =
        assertThrows(InvalidModuleException.class, () -> PreparedModule.prepare(library));

    assertTrue(e.getMessage().contains("_start"), e.getMessage());
  }

  @Test
  void modulesAreCompiledRatherThanInterpreted() {
    assertTrue(prepare(TestAgents.UPPERCASE).compiled());
  }

  private static RunOutcome run(String wat, RunRequest request) {
    return SANDBOX.run(prepare(wat), request);
  }

  private static PreparedModule prepare(String wat) {
    return PreparedModule.prepare(wasm(wat));
  }

  private static RunRequest request(String stdin) {
    return request(stdin, 5_000, 16);
  }

  private static RunRequest request(String stdin, int timeoutMs, int maxMemoryMb) {
    return new RunRequest(
        stdin.getBytes(UTF_8), List.of("agent"), Map.of(), timeoutMs, maxMemoryMb);
  }

  private static String stdout(RunOutcome outcome) {
    return new String(outcome.result().stdout(), UTF_8);
  }
}
