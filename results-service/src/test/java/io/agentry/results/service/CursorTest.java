package io.agentry.results.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.agentry.results.problem.InvalidQueryException;
import io.agentry.results.problem.ProblemType;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CursorTest {

  @Test
  void aCursorDecodesToWhatWasEncodedAtMicrosecondPrecision() {
    Cursor cursor =
        new Cursor(Cursor.TASKS, Instant.parse("2026-05-01T10:11:12.123456Z"), UUID.randomUUID());

    assertEquals(cursor, Cursor.decode(cursor.encode(), Cursor.TASKS));
  }

  @Test
  void aCursorOfAnotherListOrGarbageIsInvalid() {
    String tasks = new Cursor(Cursor.TASKS, Instant.now(), UUID.randomUUID()).encode();

    for (String text : new String[] {tasks, "%%%", "cjEKdGFza3MKeAp5", ""}) {
      InvalidQueryException e =
          assertThrows(InvalidQueryException.class, () -> Cursor.decode(text, Cursor.RESULTS));
      assertEquals(ProblemType.INVALID_CURSOR, e.type());
    }
  }
}
