package io.agentry.registry.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class SearchTextTest {

  @Test
  void wordsAreAndedAndTheLastIsAPrefix() {
    assertEquals("pdf & summ:*", SearchText.toTsQuery("PDF summ"));
    assertEquals("agent:*", SearchText.toTsQuery("  agent "));
  }

  @Test
  void querySyntaxCannotBeInjected() {
    assertEquals("a & b & c & d:*", SearchText.toTsQuery("a'|b & !c:*(d)"));
    assertEquals("naïve & 東京:*", SearchText.toTsQuery("naïve 東京"));
  }

  @Test
  void aQueryWithoutWordsIsNoQuery() {
    assertNull(SearchText.toTsQuery(""));
    assertNull(SearchText.toTsQuery(" &|! -- "));
  }

  @Test
  void longQueriesAreCut() {
    String many = "w ".repeat(40);
    assertEquals(16, SearchText.toTsQuery(many).split("&").length);
  }
}
