package io.agentry.sandbox;

import static io.agentry.sandbox.TestAgents.wasm;
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
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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
  void aModuleBusyForAWhileReadsTheMonotonicClockAndThenSucceeds() {
    RunOutcome outcome = run(TestAgents.busyFor(200), request(""));

    assertEquals(TaskStatus.SUCCEEDED, outcome.status());
    assertEquals("done", stdout(outcome));
    assertTrue(outcome.result().durationMs() >= 200, outcome.result().durationMs() + " ms");
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
  void aRunBlockedInPollOneoffTimesOutAtItsLimit() {
    long start = System.nanoTime();

    RunOutcome outcome = run(TestAgents.SLEEPS_FOR_AN_HOUR, request("", 200, 16));

    long elapsedMs = (System.nanoTime() - start) / 1_000_000;
    assertEquals(TaskStatus.TIMED_OUT, outcome.status(), outcome.result().error());
    assertNull(outcome.result().exitCode());
    assertEquals("timed out after 200 ms", outcome.result().error());
    assertTrue(elapsedMs < 10_000, "took " + elapsedMs + " ms");
    assertFalse(Thread.currentThread().isInterrupted());
  }

  @Test
  void aRunBlockedInPollOneoffIsCancelled() throws Exception {
    RunControl control = new RunControl();

    RunOutcome outcome =
        onOtherThread(
            () ->
                SANDBOX.run(
                    prepare(TestAgents.SLEEPS_FOR_AN_HOUR), request("", 60_000, 16), control),
            () -> {
              awaitBlocked(control);
              control.cancel();
            });

    assertEquals(TaskStatus.CANCELLED, outcome.status(), outcome.result().error());
    assertEquals("cancelled by the user", outcome.result().error());
  }

  @Test
  void aRunBlockedInPollOneoffAndStoppedForShutdownReportsNoOutcome() {
    RunControl control = new RunControl();

    ExecutionException e =
        assertThrows(
            ExecutionException.class,
            () ->
                onOtherThread(
                    () ->
                        SANDBOX.run(
                            prepare(TestAgents.SLEEPS_FOR_AN_HOUR),
                            request("", 60_000, 16),
                            control),
                    () -> {
                      awaitBlocked(control);
                      control.shutdown();
                    }));

    assertTrue(e.getCause() instanceof CancellationException, e.getCause().toString());
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
  void aCancelledRunStopsAndEndsCancelledWithoutAnExitCode() throws Exception {
    RunControl control = new RunControl();
    long start = System.nanoTime();

    RunOutcome outcome =
        onOtherThread(
            () -> SANDBOX.run(prepare(TestAgents.INFINITE_LOOP), request("", 60_000, 16), control),
            () -> {
              awaitStarted(control);
              control.cancel();
            });

    long elapsedMs = (System.nanoTime() - start) / 1_000_000;
    assertEquals(TaskStatus.CANCELLED, outcome.status());
    assertNull(outcome.result().exitCode());
    assertEquals("cancelled by the user", outcome.result().error());
    assertTrue(elapsedMs < 10_000, "took " + elapsedMs + " ms");
  }

  @Test
  void aTaskAskingForMoreMemoryThanTheExecutorGivesAllRunsFailsWithoutRunning() {
    try (Sandbox small = new Sandbox(DEFAULT_CAP, new MemoryBudget(32))) {
      RunOutcome outcome =
          small.run(prepare(TestAgents.UPPERCASE), request("x", 5_000, 64), new RunControl());

      assertEquals(TaskStatus.FAILED, outcome.status());
      assertEquals(
          "the task's memory limit of 64 MiB is more than this executor gives all its runs"
              + " together (32 MiB); submit it with a lower maxMemoryMb",
          outcome.result().error());
      assertEquals(0, outcome.result().stdout().length);
    }
  }

  @Test
  void aRunWaitsForMemoryHeldByAnotherAndCanBeCancelledWhileItWaits() throws Exception {
    MemoryBudget budget = new MemoryBudget(16);
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try (Sandbox shared = new Sandbox(DEFAULT_CAP, budget)) {
      RunControl holder = new RunControl();
      Future<RunOutcome> holding =
          threads.submit(
              () -> shared.run(prepare(TestAgents.INFINITE_LOOP), request("", 60_000, 16), holder));
      awaitStarted(holder);
      while (budget.freeMb() != 0) {
        TimeUnit.MILLISECONDS.sleep(5);
      }
      RunControl waiter = new RunControl();
      Future<RunOutcome> waiting =
          threads.submit(
              () -> shared.run(prepare(TestAgents.UPPERCASE), request("x", 5_000, 16), waiter));
      awaitStarted(waiter);

      waiter.cancel();
      RunOutcome cancelled = waiting.get(10, TimeUnit.SECONDS);
      holder.cancel();
      RunOutcome stopped = holding.get(10, TimeUnit.SECONDS);

      assertEquals(TaskStatus.CANCELLED, cancelled.status());
      assertEquals(0, cancelled.result().durationMs());
      assertEquals(TaskStatus.CANCELLED, stopped.status());
      assertEquals(16, budget.freeMb());
      RunOutcome after =
          shared.run(prepare(TestAgents.UPPERCASE), request("after", 5_000, 16), new RunControl());
      assertEquals("AFTER", stdout(after));
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void aRunCancelledBeforeItStartsNeverRuns() {
    RunControl control = new RunControl();
    control.cancel();

    RunOutcome outcome = SANDBOX.run(prepare(TestAgents.UPPERCASE), request("never"), control);

    assertEquals(TaskStatus.CANCELLED, outcome.status());
    assertEquals(0, outcome.result().stdout().length);
    assertEquals(0, outcome.result().durationMs());
  }

  @Test
  void aCancellationInterruptNeverReachesTheNextTaskOnThatThread() throws Exception {
    ExecutorService worker = Executors.newSingleThreadExecutor();
    try {
      RunControl control = new RunControl();
      Future<RunOutcome> cancelled =
          worker.submit(
              () ->
                  SANDBOX.run(prepare(TestAgents.INFINITE_LOOP), request("", 60_000, 16), control));
      awaitStarted(control);
      control.cancel();
      assertEquals(TaskStatus.CANCELLED, cancelled.get(10, TimeUnit.SECONDS).status());
      control.cancel();

      Future<Boolean> interruptedAfter =
          worker.submit(() -> Thread.currentThread().isInterrupted());
      Future<RunOutcome> next =
          worker.submit(() -> SANDBOX.run(prepare(TestAgents.UPPERCASE), request("next")));

      assertFalse(interruptedAfter.get(10, TimeUnit.SECONDS));
      assertEquals(TaskStatus.SUCCEEDED, next.get(10, TimeUnit.SECONDS).status());
      assertEquals("NEXT", stdout(next.get()));
    } finally {
      worker.shutdownNow();
    }
  }

  @Test
  void aRunStoppedForShutdownReportsNoOutcome() throws Exception {
    RunControl control = new RunControl();

    ExecutionException e =
        assertThrows(
            ExecutionException.class,
            () ->
                onOtherThread(
                    () ->
                        SANDBOX.run(
                            prepare(TestAgents.INFINITE_LOOP), request("", 60_000, 16), control),
                    () -> {
                      awaitStarted(control);
                      control.shutdown();
                    }));

    assertTrue(e.getCause() instanceof CancellationException, e.getCause().toString());
  }

  @Test
  void theTimeLimitWinsOverALaterCancellation() {
    RunControl control = new RunControl();

    RunOutcome outcome =
        SANDBOX.run(prepare(TestAgents.INFINITE_LOOP), request("", 50, 16), control);
    control.cancel();

    assertEquals(TaskStatus.TIMED_OUT, outcome.status());
    assertEquals(RunControl.Reason.TIME_LIMIT, control.reason());
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
    assertFalse(outcome.result().error().contains("memory"), outcome.result().error());
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
  void aModuleThatTrapsAfterItsMemoryGrewSaysHowFarItGrewAgainstTheLimit() {
    RunOutcome outcome = run(TestAgents.MEMORY_BOMB, request("", 5_000, 2));

    assertEquals(TaskStatus.FAILED, outcome.status());
    assertNull(outcome.result().exitCode());
    String error = outcome.result().error();
    assertTrue(error.startsWith("trapped: "), error);
    assertTrue(
        error.endsWith("; its memory had grown to 2 MiB of the task's limit of 2 MiB"), error);
  }

  @Test
  void aModuleThatExitsNonZeroAfterItsMemoryGrewSaysHowFarItGrewAgainstTheLimit() {
    RunOutcome outcome = run(TestAgents.GROW_TO_SIXTEEN_PAGES_THEN_ONE_MORE, request("", 5_000, 1));

    assertEquals(
        "exited with code 42; its memory had grown to 1 MiB of the task's limit of 1 MiB",
        outcome.result().error());
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
  void anImportOutsideWasiIsRefusedWhenPreparedByTheUploadRules() {
    byte[] module = wasm(TestAgents.UNKNOWN_IMPORT);

    NotACommandException e =
        assertThrows(NotACommandException.class, () -> PreparedModule.prepare(module));

    assertEquals(
        "The module imports 'env.launch_missiles', which is outside wasi_snapshot_preview1 and the"
            + " outbound HTTP calls of 'agentry'.",
        e.getMessage());
  }

  @Test
  void bytesThatAreNotWebAssemblyAreRefusedWhenPrepared() {
    NotWasmException e =
        assertThrows(
            NotWasmException.class, () -> PreparedModule.prepare("not wasm".getBytes(UTF_8)));

    assertTrue(e.getMessage().startsWith("The binary is not WebAssembly"), e.getMessage());
  }

  @Test
  void aModuleWithoutStartIsRefusedWhenPrepared() {
    byte[] library = wasm(TestAgents.NO_START);

    NotACommandException e =
        assertThrows(NotACommandException.class, () -> PreparedModule.prepare(library));

    assertTrue(e.getMessage().contains("_start"), e.getMessage());
  }

  @Test
  void modulesAreCompiledRatherThanInterpreted() {
    assertTrue(prepare(TestAgents.UPPERCASE).compiled());
  }

  /** Runs {@code run} on a thread of its own while this thread does {@code meanwhile}. */
  private static RunOutcome onOtherThread(Callable<RunOutcome> run, ThrowingRunnable meanwhile)
      throws Exception {
    ExecutorService thread = Executors.newSingleThreadExecutor();
    try {
      Future<RunOutcome> outcome = thread.submit(run);
      meanwhile.run();
      return outcome.get(10, TimeUnit.SECONDS);
    } finally {
      thread.shutdownNow();
    }
  }

  /** Bounded polling: the sandbox took the run up on its thread. */
  private static void awaitStarted(RunControl control) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!control.started()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the run never started");
      }
      Thread.sleep(1);
    }
  }

  /**
   * The run started and had time to reach its host call: a run stopped earlier ends the same way,
   * only through another path.
   */
  private static void awaitBlocked(RunControl control) throws InterruptedException {
    awaitStarted(control);
    Thread.sleep(300);
  }

  private interface ThrowingRunnable {
    void run() throws Exception;
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
