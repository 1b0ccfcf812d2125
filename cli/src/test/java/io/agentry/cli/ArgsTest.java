package io.agentry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ArgsTest {

  private static Args parse(String... words) {
    return Args.parse(List.of(words), Set.of("name", "arg", "limit"), Set.of("wait"));
  }

  @Test
  void separatesPositionalsOptionsAndFlags() {
    Args args = parse("file.wasm", "--name", "wc", "--wait", "extra");
    assertEquals(List.of("file.wasm", "extra"), args.positionals());
    assertEquals(Optional.of("wc"), args.option("name"));
    assertTrue(args.flag("wait"));
  }

  @Test
  void acceptsTheEqualsForm() {
    assertEquals(Optional.of("a=b"), parse("--name=a=b").option("name"));
  }

  @Test
  void collectsRepeatedOptionsInOrder() {
    Args args = parse("--arg", "--json", "--arg", "x");
    assertEquals(List.of("--json", "x"), args.all("arg"));
  }

  @Test
  void refusesUnknownOptionsAndMissingValues() {
    CliException unknown = assertThrows(CliException.class, () -> parse("--nope"));
    assertEquals("unknown option --nope", unknown.getMessage());
    assertEquals(CliException.USAGE, unknown.exitCode());
    assertThrows(CliException.class, () -> parse("--name"));
    assertThrows(CliException.class, () -> parse("--wait=yes"));
  }

  @Test
  void reportsMissingRequiredParts() {
    Args args = parse();
    assertEquals(
        "missing the .wasm file",
        assertThrows(CliException.class, () -> args.requirePositional(0, "the .wasm file"))
            .getMessage());
    assertEquals(
        "--name is required",
        assertThrows(CliException.class, () -> args.requireOption("name")).getMessage());
    assertFalse(args.flag("wait"));
  }

  @Test
  void parsesWholeNumbers() {
    assertEquals(Optional.of(5), parse("--limit", "5").intOption("limit"));
    assertThrows(CliException.class, () -> parse("--limit", "five").intOption("limit"));
  }
}
