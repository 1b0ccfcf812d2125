package io.agentry.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OptionsTest {

  @Test
  void readsValuesFlagsAndDefaults() {
    Options options =
        new Options(new String[] {"load", "--rate", "200", "--verbose", "--url", "http://h"}, 1);

    assertEquals(200, options.integer("rate", 0));
    assertEquals(64, options.integer("concurrency", 64));
    assertEquals("http://h", options.text("url", "x"));
    assertTrue(options.flag("verbose"));
    assertFalse(options.flag("quiet"));
  }

  @Test
  void refusesAWordThatIsNotAnOption() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> new Options(new String[] {"load", "200"}, 1));
    assertTrue(e.getMessage().contains("'200'"));
  }

  @Test
  void refusesANumberThatIsNotOne() {
    Options options = new Options(new String[] {"--tasks", "many"}, 0);

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> options.integer("tasks", 1));
    assertTrue(e.getMessage().contains("--tasks"));
  }
}
