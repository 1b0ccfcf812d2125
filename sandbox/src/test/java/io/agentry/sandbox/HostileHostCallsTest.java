package io.agentry.sandbox;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentry.wire.TaskStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Host calls whose arguments a hostile module sizes: every buffer the host fills or reads is
 * checked against the module's memory (and the output cap) before anything is allocated, and a bad
 * one is an error of that call (WASI's EFAULT or EINVAL, which these modules return as their exit
 * code), never a host allocation sized by the module.
 */
class HostileHostCallsTest {

  private static final int EFAULT = 21;
  private static final int EBADF = 8;
  private static final int ENOTDIR = 54;

  private static final Sandbox SANDBOX = new Sandbox(1024 * 1024);

  @AfterAll
  static void close() {
    SANDBOX.close();
  }

  /** The module of the report: one iovec of 0x7ffffff0 bytes on stdin, under a 16 MiB limit. */
  @Test
  void fdReadWithAnIovecFarPastMemoryIsEfaultNotAHostAllocation() {
    RunOutcome outcome = run(HostileCalls.fdReadIovec(0x7ffffff0), "some input", 16);

    assertExitedWith(EFAULT, outcome);
  }

  @Test
  void fdReadWithAnIovecOfNearlyAGibIsEfault() {
    assertExitedWith(EFAULT, run(HostileCalls.fdReadIovec(0x3c000000), "some input", 16));
  }

  @Test
  void fdReadIntoAnIovecThatFitsStillReadsTheInput() {
    RunOutcome outcome = run(HostileCalls.fdReadIovec(100), "hello", 16);

    assertEquals(TaskStatus.SUCCEEDED, outcome.status(), outcome.result().error());
  }

  @Test
  void fdWriteOfAnIovecPastMemoryIsEfaultAndWritesNothing() {
    RunOutcome outcome = run(HostileCalls.fdWriteIovec(1, 0x7ffffff0), "", 16);

    assertExitedWith(EFAULT, outcome);
    assertEquals(0, outcome.result().stdout().length);
  }

  @Test
  void fdWriteOfTheWholeMemoryIsCountedButKeepsOnlyTheCap() {
    try (Sandbox small = new Sandbox(1000)) {
      RunOutcome outcome =
          small.run(
              PreparedModule.prepare(HostileCalls.fdWriteIovec(0, 16 * 65536)),
              new RunRequest(new byte[0], List.of("a"), Map.of(), 30_000, 16));

      assertEquals(TaskStatus.SUCCEEDED, outcome.status(), outcome.result().error());
      assertEquals(1000, outcome.result().stdout().length);
      assertTrue(outcome.result().stdoutTruncated());
    }
  }

  @Test
  void fdPreadAndFdPwriteWithHugeIovecsAreEfault() {
    assertExitedWith(EFAULT, run(HostileCalls.fdPreadIovec(0x7ffffff0), "input", 16));
    assertExitedWith(EFAULT, run(HostileCalls.fdPwriteIovec(0x7ffffff0), "", 16));
  }

  @Test
  void randomGetPastMemoryIsEfault() {
    assertExitedWith(EFAULT, run(HostileCalls.randomGet(0x7fffffff), "", 16));
  }

  @Test
  void pollOneoffWithAMillionSubscriptionsPastMemoryIsEfault() {
    assertExitedWith(EFAULT, run(HostileCalls.pollOneoff(1_000_000), "", 16));
  }

  @Test
  void pathCallsWithHugePathsAreRefusedWithoutReadingThePath() {
    assertExitedWith(EBADF, run(HostileCalls.pathOpen(3, 0x7ffffff0), "", 16));
    assertExitedWith(ENOTDIR, run(HostileCalls.pathOpen(1, 0x7ffffff0), "", 16));
  }

  private static RunOutcome run(byte[] module, String stdin, int maxMemoryMb) {
    return SANDBOX.run(
        PreparedModule.prepare(module),
        new RunRequest(stdin.getBytes(UTF_8), List.of("hostile"), Map.of(), 30_000, maxMemoryMb));
  }

  private static void assertExitedWith(int errno, RunOutcome outcome) {
    assertEquals(TaskStatus.FAILED, outcome.status(), outcome.result().error());
    assertEquals(errno, outcome.result().exitCode(), outcome.result().error());
  }
}
