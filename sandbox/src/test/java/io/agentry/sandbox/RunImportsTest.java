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
 * Each run gets host functions for exactly what its module imports, planned once per module: a run
 * needs Endive's WASI only for calls the sandbox does not answer itself, and linking still refuses
 * what Endive's WASI would refuse.
 */
class RunImportsTest {

  private static final Sandbox SANDBOX = new Sandbox(1024 * 1024);

  @AfterAll
  static void close() {
    SANDBOX.close();
  }

  @Test
  void aModuleImportingOnlyCallsTheSandboxAnswersNeedsNoEndiveWasi() {
    assertFalse(
        PreparedModule.prepare(SampleAgents.wasm(SampleAgents.UPPERCASE))
            .imports()
            .needsEndiveWasi());
    assertFalse(PreparedModule.prepare(wasm(TestAgents.ARGS_AND_ENV)).imports().needsEndiveWasi());
  }

  @Test
  void aModuleImportingOtherWasiCallsGetsEndivesForThoseAndRuns() {
    PreparedModule sha = PreparedModule.prepare(SampleAgents.wasm(SampleAgents.SHA256));
    assertTrue(sha.imports().needsEndiveWasi());

    RunOutcome outcome =
        SANDBOX.run(
            sha, new RunRequest("abc".getBytes(UTF_8), List.of("sha256"), Map.of(), 5_000, 16));

    assertEquals(TaskStatus.SUCCEEDED, outcome.status());
    assertEquals(
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\n",
        new String(outcome.result().stdout(), UTF_8));
  }

  @Test
  void aWasiCallImportedWithAnotherSignatureFailsToLinkAsAgainstEndivesWasi() {
    String wat =
        "(module\n"
            + "  (import \"wasi_snapshot_preview1\" \"proc_exit\" (func (param i64)))\n"
            + "  (memory (export \"memory\") 1)\n"
            + "  (func (export \"_start\")))\n";

    RunOutcome outcome =
        SANDBOX.run(
            PreparedModule.prepare(wasm(wat)),
            new RunRequest(new byte[0], List.of("agent"), Map.of(), 5_000, 16));

    assertEquals(TaskStatus.FAILED, outcome.status());
    assertTrue(
        outcome.result().error().startsWith("the module cannot be linked"),
        outcome.result().error());
  }

  @Test
  void procExitWithZeroSucceedsAndArgumentsAreAnsweredWithoutEndivesWasi() {
    RunOutcome outcome =
        SANDBOX.run(
            PreparedModule.prepare(wasm(TestAgents.exitWith(0))),
            new RunRequest(new byte[0], List.of("agent"), Map.of(), 5_000, 16));

    assertEquals(TaskStatus.SUCCEEDED, outcome.status());
    assertEquals(0, outcome.result().exitCode());
  }
}
