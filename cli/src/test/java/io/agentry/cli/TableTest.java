package io.agentry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TableTest {

  @Test
  void columnsAreAsWideAsTheirWidestCellAndTheLastIsNotPadded() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    new Table("AGENT", "VERSION", "DESCRIPTION")
        .row("alice/json-pretty-v2", "1.10.0", "Pretty-prints JSON")
        .row("bob/x", null, "")
        .print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    assertEquals(
        "AGENT                 VERSION  DESCRIPTION\n"
            + "alice/json-pretty-v2  1.10.0   Pretty-prints JSON\n"
            + "bob/x                 -\n",
        bytes.toString(StandardCharsets.UTF_8));
    assertEquals("ab...", Table.firstLine("abcdefgh\nsecond", 5));
  }
}
