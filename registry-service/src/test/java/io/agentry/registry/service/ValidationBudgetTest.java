package io.agentry.registry.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.agentry.registry.problem.InvalidWasmException;
import io.agentry.registry.problem.ProblemType;
import io.agentry.registry.problem.ValidationBusyException;
import io.agentry.registry.wasm.WasmModules;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.Test;

/**
 * Parsing costs heap in proportion to a module's code: validations share a budget, a module that
 * needs more than all of it is refused, and an upload finding it taken gets 503 to retry.
 */
class ValidationBudgetTest {

  private static final long MAX_BINARY = 8 * 1024 * 1024;

  @Test
  void aModuleWhoseCodeNeedsMoreThanTheWholeBudgetIs422() {
    // 64 KiB of budget: 1024 bytes of code at most.
    WasmInspector inspector = new WasmInspector(MAX_BINARY, 64 * 1024L);
    byte[] module = nops(2000);

    InvalidWasmException e =
        assertThrows(InvalidWasmException.class, () -> inspector.inspect(module));

    assertEquals(ProblemType.INVALID_WASM, e.type());
    assertEquals(
        "The module's code section is 2005 bytes; this registry validates at most 1024 bytes of"
            + " code (parsing takes about 64 bytes of heap per byte of code).",
        e.getMessage());
  }

  @Test
  void anUploadFindingTheBudgetTakenGets503ToRetryAndPassesOnceItIsFree() throws Exception {
    Semaphore budget = new Semaphore(1024, true);
    WasmInspector inspector = new WasmInspector(MAX_BINARY, 1024, budget);
    byte[] module = WasmModules.valid("x", 512);
    budget.acquire(1024);

    ValidationBusyException busy =
        assertThrows(ValidationBusyException.class, () -> inspector.inspect(module));
    assertEquals(ProblemType.VALIDATION_BUSY, busy.type());
    assertEquals(503, busy.type().status());

    budget.release(1024);
    inspector.inspect(module);
    assertEquals(1024, budget.availablePermits(), "the validation gave its share back");
  }

  /** A command whose one function is {@code count} nops (count below 16,384). */
  private static byte[] nops(int count) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    out.writeBytes(new byte[] {0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00});
    out.writeBytes(new byte[] {0x01, 0x04, 0x01, 0x60, 0x00, 0x00});
    out.writeBytes(new byte[] {0x03, 0x02, 0x01, 0x00});
    out.writeBytes(new byte[] {0x05, 0x03, 0x01, 0x00, 0x01});
    byte[] exports =
        "\u0002\u0006_start\u0000\u0000\u0006memory\u0002\u0000"
            .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    out.write(0x07);
    out.write(exports.length);
    out.writeBytes(exports);
    int body = count + 2;
    int section = body + 3;
    out.write(0x0A);
    out.writeBytes(new byte[] {(byte) (0x80 | (section & 0x7F)), (byte) (section >> 7)});
    out.write(0x01);
    out.writeBytes(new byte[] {(byte) (0x80 | (body & 0x7F)), (byte) (body >> 7)});
    out.write(0x00);
    for (int i = 0; i < count; i++) {
      out.write(0x01);
    }
    out.write(0x0B);
    return out.toByteArray();
  }
}
