package io.agentry.registry.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SemverTest {

  /** The precedence example of semver.org, section 11, plus releases around it. */
  private static final List<String> ASCENDING =
      List.of(
          "0.9.99",
          "1.0.0-0",
          "1.0.0-0.0",
          "1.0.0-1",
          "1.0.0-2",
          "1.0.0-10",
          "1.0.0-A",
          "1.0.0-alpha",
          "1.0.0-alpha.1",
          "1.0.0-alpha.beta",
          "1.0.0-alpha-",
          "1.0.0-alpha-b",
          "1.0.0-beta",
          "1.0.0-beta.2",
          "1.0.0-beta.11",
          "1.0.0-rc.1",
          "1.0.0",
          "1.0.1",
          "1.1.0",
          "1.10.0",
          "2.0.0",
          "10.0.0",
          "9223372036854775807.0.0");

  @Test
  void validVersionsParseAndPrintBack() {
    for (String text :
        List.of("0.0.0", "1.2.3-rc.1+build.5", "1.0.0+20130313144700", "1.0.0-x-y")) {
      assertEquals(text, Semver.parse(text).orElseThrow().toString());
    }
  }

  @Test
  void invalidVersionsAreRefused() {
    for (String text :
        List.of(
            "",
            "1",
            "1.2",
            "v1.2.3",
            "01.2.3",
            "1.02.3",
            "1.2.3-01",
            "1.2.3-",
            "1.2.3+",
            "1.2.3-a..b",
            "1.2.3 ",
            "1.2.3-ü",
            "9223372036854775808.0.0",
            "1.0.0-99999999999999999999",
            "1.0.0-" + "a".repeat(130))) {
      assertTrue(Semver.parse(text).isEmpty(), text);
    }
  }

  @Test
  void precedenceFollowsTheSpecification() {
    for (int i = 1; i < ASCENDING.size(); i++) {
      Semver lower = Semver.parse(ASCENDING.get(i - 1)).orElseThrow();
      Semver higher = Semver.parse(ASCENDING.get(i)).orElseThrow();
      assertTrue(lower.compareTo(higher) < 0, lower + " < " + higher);
      assertTrue(higher.compareTo(lower) > 0, higher + " > " + lower);
    }
  }

  @Test
  void theSortKeyOrdersLikePrecedence() {
    List<String> shuffled = new ArrayList<>(ASCENDING);
    Collections.shuffle(shuffled, new Random(42));
    List<String> byKey =
        shuffled.stream()
            .map(text -> Semver.parse(text).orElseThrow())
            .sorted((a, b) -> a.sortKey().compareTo(b.sortKey()))
            .map(Semver::toString)
            .toList();
    assertEquals(ASCENDING, byKey);
    for (int i = 1; i < ASCENDING.size(); i++) {
      String lower = Semver.parse(ASCENDING.get(i - 1)).orElseThrow().sortKey();
      String higher = Semver.parse(ASCENDING.get(i)).orElseThrow().sortKey();
      assertTrue(lower.compareTo(higher) < 0, lower + " < " + higher);
    }
  }

  @Test
  void buildMetadataDoesNotChangePrecedence() {
    Semver a = Semver.parse("1.0.0+a").orElseThrow();
    Semver b = Semver.parse("1.0.0+b").orElseThrow();
    assertEquals(0, a.compareTo(b));
    assertEquals(a.sortKey(), b.sortKey());
  }

  @Test
  void newestFirstPutsPreReleasesBelowTheirRelease() {
    List<Semver> versions =
        List.of("1.0.0-rc.1", "1.0.0", "0.9.0", "1.0.0-beta").stream()
            .map(text -> Semver.parse(text).orElseThrow())
            .toList();
    assertEquals(
        List.of("1.0.0", "1.0.0-rc.1", "1.0.0-beta", "0.9.0"),
        Semver.newestFirst(versions).stream().map(Semver::toString).toList());
  }
}
