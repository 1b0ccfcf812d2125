package io.agentry.sandbox;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dylibso.chicory.wabt.Wat2Wasm;
import io.agentry.wire.TaskStatus;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The upload checks of the {@code agentry} imports: exactly the three calls with their signatures,
 * nothing else from that module.
 */
class AgentryImportsTest {

  private static final ModuleInspector INSPECTOR = new ModuleInspector(1 << 20);

  @Test
  void theThreeCallsWithTheirSignaturesAreAccepted() {
    assertDoesNotThrow(() -> INSPECTOR.inspect(HttpAgents.wasm(HttpAgents.FETCH)));
  }

  @Test
  void anotherFunctionOfTheAgentryModuleIsRefused() {
    NotACommandException refused =
        assertThrows(
            NotACommandException.class,
            () ->
                INSPECTOR.inspect(
                    module(
                        "(import \"agentry\" \"tcp_connect\" (func (param i32) (result i32)))")));
    assertTrue(refused.getMessage().contains("agentry.tcp_connect"), refused.getMessage());
    assertTrue(refused.getMessage().contains("http_request"), refused.getMessage());
  }

  @Test
  void aCallWithAnotherSignatureIsRefused() {
    NotACommandException refused =
        assertThrows(
            NotACommandException.class,
            () ->
                INSPECTOR.inspect(
                    module(
                        "(import \"agentry\" \"http_read\" (func (param i32 i32) (result i32)))")));
    assertEquals(
        "The module imports 'agentry.http_read' as (func (param i32 i32) (result i32)); it must be"
            + " (func (param i32 i32 i32) (result i32)).",
        refused.getMessage());
  }

  @Test
  void aMemoryOrGlobalOfTheAgentryModuleIsRefused() {
    assertThrows(
        NotACommandException.class,
        () -> INSPECTOR.inspect(module("(import \"agentry\" \"http_request\" (global i32))")));
  }

  @Test
  void aModuleThatImportsTheCallsButNeverCallsThemRunsWithoutPermissions() {
    byte[] wasm =
        module(
            "(import \"agentry\" \"http_header\" (func (param i32 i32 i32 i32 i32) (result i32)))");
    try (Sandbox sandbox = new Sandbox(1024)) {
      RunOutcome outcome =
          sandbox.run(
              PreparedModule.prepare(wasm),
              new RunRequest(
                  "".getBytes(StandardCharsets.UTF_8), List.of("a"), Map.of(), 5000, 16));
      assertEquals(TaskStatus.SUCCEEDED, outcome.status(), outcome.result().error());
    }
  }

  private static byte[] module(String imports) {
    return Wat2Wasm.parse(
        "(module " + imports + " (memory (export \"memory\") 1) (func (export \"_start\")))");
  }
}
