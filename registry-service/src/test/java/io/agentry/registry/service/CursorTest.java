package io.agentry.registry.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.agentry.registry.AgentSort;
import io.agentry.registry.problem.InvalidInputException;
import io.agentry.registry.problem.ProblemType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CursorTest {

  private static final UUID ID = UUID.fromString("5b0f6f3e-8d61-4a57-9d43-2f1c9e0b7a11");

  @Test
  void everyKindOfKeyRoundTrips() {
    List<Cursor> cursors =
        List.of(
            new Cursor(
                AgentSort.CREATED_AT,
                OffsetDateTime.of(2026, 1, 2, 3, 4, 5, 123_456_000, ZoneOffset.UTC),
                ID),
            new Cursor(AgentSort.RATING, new BigDecimal("4.25"), ID),
            new Cursor(AgentSort.TASKS_COMPLETED, 42L, ID),
            new Cursor(AgentSort.NAME, "my-agent", ID),
            new Cursor(AgentSort.RELEVANCE, 0.0607927f, ID),
            new Cursor(AgentSort.VERSION, "0000000000000000001.0~", ID));
    for (Cursor cursor : cursors) {
      assertEquals(cursor, Cursor.decode(cursor.encode(), cursor.sort()));
    }
  }

  @Test
  void aCursorOfAnotherOrderIsRefused() {
    String cursor = new Cursor(AgentSort.NAME, "a", ID).encode();
    assertInvalid(cursor, AgentSort.CREATED_AT);
  }

  @Test
  void tamperedCursorsAreRefused() {
    for (String text :
        List.of(
            "",
            "!!!",
            encode("c1\ncreatedAt\nnot-a-number\n" + ID),
            encode("c2\ncreatedAt\n1\n" + ID),
            encode("c1\ncreatedAt\n1\nnot-a-uuid"),
            encode("c1\ncreatedAt\n1\n" + ID + "\nextra"))) {
      assertInvalid(text, AgentSort.CREATED_AT);
    }
    assertInvalid(encode("c1\nrelevance\nNaN\n" + ID), AgentSort.RELEVANCE);
    assertInvalid(encode("c1\nrating\n4,5\n" + ID), AgentSort.RATING);
  }

  @Test
  void keysTheDatabaseCannotTakeAreRefused() {
    assertInvalid(encode("c1\nname\na\u0000b\n" + ID), AgentSort.NAME);
    assertInvalid(encode("c1\nversion\na\u0000b\n" + ID), AgentSort.VERSION);
    assertInvalid(encode("c1\nrating\n1E+2147483647\n" + ID), AgentSort.RATING);
    assertInvalid(encode("c1\nrating\n1E-20000\n" + ID), AgentSort.RATING);
  }

  private static void assertInvalid(String text, AgentSort sort) {
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> Cursor.decode(text, sort));
    assertEquals(ProblemType.INVALID_CURSOR, e.type());
  }

  private static String encode(String text) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Found by fuzzing: the key went to PostgreSQL, which cannot hold U+0000, and the list was a 500.
   */
  @Test
  void aNameKeyWithANulCharacterIsRefused() {
    for (AgentSort sort : List.of(AgentSort.NAME, AgentSort.VERSION)) {
      String text = "c1\n" + sort.wireName() + "\na\u0000b\n" + ID;
      String cursor =
          Base64.getUrlEncoder()
              .withoutPadding()
              .encodeToString(text.getBytes(StandardCharsets.UTF_8));
      InvalidInputException e =
          assertThrows(InvalidInputException.class, () -> Cursor.decode(cursor, sort));
      assertEquals(ProblemType.INVALID_CURSOR, e.type());
    }
  }

  /**
   * Found by fuzzing: ratings beyond what the column holds made PostgreSQL fail the query. (Times
   * at the ends of the key's range are answered: the client clamps them, see the e2e hostile
   * requests.)
   */
  @Test
  void keysOutsideTheirColumnsAreRefused() {
    String[][] cases = {
      {"rating", "-1E-999999999"},
      {"rating", "1E999999999"},
      {"rating", "5.01"},
      {"rating", "4.251"}
    };
    for (String[] c : cases) {
      AgentSort sort =
          AgentSort.RATING.wireName().equals(c[0]) ? AgentSort.RATING : AgentSort.CREATED_AT;
      String text = "c1\n" + c[0] + "\n" + c[1] + "\n" + ID;
      String cursor =
          Base64.getUrlEncoder()
              .withoutPadding()
              .encodeToString(text.getBytes(StandardCharsets.UTF_8));
      InvalidInputException e =
          assertThrows(InvalidInputException.class, () -> Cursor.decode(cursor, sort), c[1]);
      assertEquals(ProblemType.INVALID_CURSOR, e.type());
    }
  }
}
