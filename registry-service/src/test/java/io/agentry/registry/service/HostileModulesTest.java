package io.agentry.registry.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentry.registry.fuzz.SeedModules;
import io.agentry.registry.problem.InvalidWasmException;
import io.agentry.registry.wasm.WasmModules;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * Modules that made the inspector fail with something other than a refusal before, found by {@link
 * UploadValidatorFuzzTest} or while reading the parser for it: each is now refused with a 422.
 */
class HostileModulesTest {

  private final WasmInspector inspector = new WasmInspector(4 * 1024 * 1024);

  @Test
  void theFuzzSeedsAreValidAgents() {
    for (byte[] module : SeedModules.all()) {
      assertEquals(module.length, inspector.inspect(module).size());
    }
  }

  /** Found by the fuzzer: a type with 2^31-1 parameters made the parser ask for a huge array. */
  @Test
  void aFunctionTypeWithBillionsOfParametersIsRefused() {
    byte[] module =
        Base64.getDecoder()
            .decode(
                "AGFzbQEAAAABFQNg/////wcAAGAEf39/fwF/YAF/AAIjARZ3YXNpX3NuYXBzaG90X3ByZXZpZXcxCGZk"
                    + "X3dyaXRlAAEDAgEABQMBAAEHEwIGX3N0YXJ0AAEGbWVtb3J5AgAKBAECAAs=");
    assertRefused(module, "2147483647 function parameters, but only");
  }

  @Test
  void aCustomSectionNameOfTwoGigabytesIsRefused() {
    assertRefused(
        module(section(0, bytes(0xFF, 0xFF, 0xFF, 0xFF, 0x07, 'x'))),
        "a custom section's name of 2147483647 bytes");
  }

  /** Found by the fuzzer: a name inside the name section, sized the same way. */
  @Test
  void aHugeNameInTheNameSectionIsRefused() {
    byte[] names = concat(name("name"), bytes(0, 5, 0xFF, 0xFF, 0xFF, 0xFF, 0x07));
    assertRefused(
        concat(WasmModules.valid("", 0), section(0, names)), "the module's name of 2147483647");
  }

  @Test
  void aDataSegmentOfTwoGigabytesIsRefused() {
    byte[] data = bytes(1, 1, 0xFF, 0xFF, 0xFF, 0xFF, 0x07, 0);
    assertRefused(module(section(11, data)), "a data segment of 2147483647 bytes");
  }

  @Test
  void billionsOfElementInitializersAreRefused() {
    byte[] elements = bytes(1, 1, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0x07);
    assertRefused(module(section(9, elements)), "2147483647 element initializers");
  }

  /**
   * Runs of locals each under the parser's limit of 50,000 add up past it in one function; and 100
   * functions of 50,000 locals each would be five million list entries from 800 bytes.
   */
  @Test
  void localsFarBeyondTheCodeAreRefused() {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    int runs = 4000;
    body.writeBytes(leb(runs));
    for (int i = 0; i < runs; i++) {
      body.writeBytes(leb(io.agentry.sandbox.ModuleLimits.MAX_FUNCTION_LOCALS / runs + 1));
      body.write(0x7F);
    }
    body.write(0x0B);
    assertRefused(module(code(body.toByteArray())), "more than 50000 locals");
    ByteArrayOutputStream many = new ByteArrayOutputStream();
    int functions = 100;
    many.writeBytes(leb(functions));
    for (int f = 0; f < functions; f++) {
      byte[] oneRun =
          concat(
              bytes(1),
              leb(io.agentry.sandbox.ModuleLimits.MAX_FUNCTION_LOCALS),
              bytes(0x7F, 0x0B));
      many.writeBytes(leb(oneRun.length));
      many.writeBytes(oneRun);
    }
    assertRefused(module(section(10, many.toByteArray())), "locals in all");
  }

  /** The parser would insert 100,000 names one by one at the front: quadratic, minutes. */
  @Test
  void aNameSectionOutOfOrderIsRefused() {
    int count = 100_000;
    ByteArrayOutputStream map = new ByteArrayOutputStream();
    map.writeBytes(leb(count));
    for (int i = count - 1; i >= 0; i--) {
      map.writeBytes(leb(i));
      map.writeBytes(bytes(0));
    }
    byte[] subsection = concat(bytes(1), leb(map.size()), map.toByteArray());
    byte[] names = concat(name("name"), subsection);
    assertRefused(concat(WasmModules.valid("", 0), section(0, names)), "out of increasing order");
  }

  /** Found by the fuzzer: the parser does not check export indexes, and the inspector threw. */
  @Test
  void aStartExportPastTheFunctionsIsRefused() {
    byte[] module =
        Base64.getDecoder()
            .decode(
                "AGFzbQEAAAABEANgAABgBH9/f38Bf2ABfwADAgEABQMBAAEHEwIGX3N0YXJ0AAEGbWVtb3J5AgAKBAEC"
                    + "AAs=");
    assertRefused(module, "'_start' export names a function it does not have");
  }

  @Test
  void aMemoryExportPastTheMemoriesIsRefused() {
    byte[] valid = WasmModules.valid("", 0);
    // The export section of the bare command ends with: "memory", kind 2, index 0.
    byte[] tail = concat(name("memory"), bytes(0x02, 0x00));
    int at = indexOf(valid, tail) + tail.length - 1;
    valid[at] = 5;
    assertRefused(valid, "'memory' export names a memory it does not have");
  }

  @Test
  void aConstantExpressionWithAnotherInstructionIsRefused() {
    // An active data segment whose offset is "local.get 0" (0x20 0x00).
    byte[] data = bytes(1, 0, 0x20, 0x00, 0x0B, 0);
    assertRefused(module(section(11, data)), "not constant");
  }

  private void assertRefused(byte[] module, String reason) {
    InvalidWasmException e =
        assertThrows(InvalidWasmException.class, () -> inspector.inspect(module));
    assertTrue(e.getMessage().contains(reason), e.getMessage());
  }

  private static byte[] module(byte[]... sections) {
    return concat(bytes(0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00), concat(sections));
  }

  private static byte[] code(byte[] body) {
    return section(10, concat(bytes(1), leb(body.length), body));
  }

  private static byte[] section(int id, byte[] content) {
    return concat(bytes(id), leb(content.length), content);
  }

  private static byte[] name(String text) {
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    return concat(leb(utf8.length), utf8);
  }

  private static byte[] leb(int value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int remaining = value;
    do {
      int b = remaining & 0x7F;
      remaining >>>= 7;
      out.write(remaining == 0 ? b : b | 0x80);
    } while (remaining != 0);
    return out.toByteArray();
  }

  private static byte[] bytes(int... values) {
    byte[] out = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (byte) values[i];
    }
    return out;
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    for (int i = haystack.length - needle.length; i >= 0; i--) {
      if (java.util.Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
        return i;
      }
    }
    throw new IllegalArgumentException("not found");
  }
}
