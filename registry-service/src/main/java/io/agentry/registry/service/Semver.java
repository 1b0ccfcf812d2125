package io.agentry.registry.service;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Semantic Versioning 2.0.0 version, ordered by semver precedence: numeric identifiers compare as
 * numbers, alphanumeric ones in ASCII order, numeric below alphanumeric, a pre-release below its
 * release, and build metadata ignored. Numbers must fit in a signed 64-bit integer.
 *
 * <p>{@link #sortKey()} encodes the precedence as a string whose byte order ({@code COLLATE "C"})
 * is the same, so the database can order and compare versions with a plain index.
 */
public record Semver(long major, long minor, long patch, List<String> preRelease, String build)
    implements Comparable<Semver> {

  /** The longest version string accepted. */
  public static final int MAX_LENGTH = 128;

  private static final Pattern SEMVER =
      Pattern.compile(
          "(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)"
              + "(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)"
              + "(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
              + "(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?");
  private static final Pattern NUMERIC = Pattern.compile("\\d+");
  private static final String NUMBER_FORMAT = "%019d";

  public Semver {
    preRelease = List.copyOf(preRelease);
  }

  /** The version, or empty when {@code text} is not semver 2.0 (or a number is too large). */
  public static Optional<Semver> parse(String text) {
    if (text == null || text.length() > MAX_LENGTH) {
      return Optional.empty();
    }
    Matcher m = SEMVER.matcher(text);
    if (!m.matches()) {
      return Optional.empty();
    }
    try {
      List<String> pre = m.group(4) == null ? List.of() : List.of(m.group(4).split("\\."));
      for (String identifier : pre) {
        if (isNumeric(identifier)) {
          Long.parseLong(identifier);
        }
      }
      return Optional.of(
          new Semver(
              Long.parseLong(m.group(1)),
              Long.parseLong(m.group(2)),
              Long.parseLong(m.group(3)),
              pre,
              m.group(5)));
    } catch (NumberFormatException tooLarge) {
      return Optional.empty();
    }
  }

  public boolean isPreRelease() {
    return !preRelease.isEmpty();
  }

  /** A string whose {@code COLLATE "C"} order is this version's precedence. */
  public String sortKey() {
    StringBuilder key =
        new StringBuilder()
            .append(String.format(NUMBER_FORMAT, major))
            .append('.')
            .append(String.format(NUMBER_FORMAT, minor))
            .append('.')
            .append(String.format(NUMBER_FORMAT, patch));
    if (preRelease.isEmpty()) {
      // '~' sorts above '!': a release comes after each of its pre-releases.
      return key.append('~').toString();
    }
    for (String identifier : preRelease) {
      // '!' sorts below every identifier character, so a shorter list sorts first.
      key.append('!');
      if (isNumeric(identifier)) {
        key.append('0').append(String.format(NUMBER_FORMAT, Long.parseLong(identifier)));
      } else {
        key.append('1').append(identifier);
      }
    }
    return key.toString();
  }

  @Override
  public int compareTo(Semver other) {
    int c = Long.compare(major, other.major);
    if (c == 0) {
      c = Long.compare(minor, other.minor);
    }
    if (c == 0) {
      c = Long.compare(patch, other.patch);
    }
    if (c != 0) {
      return c;
    }
    if (preRelease.isEmpty() || other.preRelease.isEmpty()) {
      return Boolean.compare(preRelease.isEmpty(), other.preRelease.isEmpty());
    }
    for (int i = 0; i < Math.min(preRelease.size(), other.preRelease.size()); i++) {
      c = compareIdentifiers(preRelease.get(i), other.preRelease.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(preRelease.size(), other.preRelease.size());
  }

  /** Sorts newest first, as version listings do. */
  public static List<Semver> newestFirst(List<Semver> versions) {
    List<Semver> sorted = new ArrayList<>(versions);
    sorted.sort(Collections.reverseOrder());
    return sorted;
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder().append(major).append('.').append(minor).append('.');
    text.append(patch);
    if (!preRelease.isEmpty()) {
      text.append('-').append(String.join(".", preRelease));
    }
    if (build != null) {
      text.append('+').append(build);
    }
    return text.toString();
  }

  private static int compareIdentifiers(String a, String b) {
    boolean numericA = isNumeric(a);
    boolean numericB = isNumeric(b);
    if (numericA && numericB) {
      return Long.compare(Long.parseLong(a), Long.parseLong(b));
    }
    if (numericA != numericB) {
      return numericA ? -1 : 1;
    }
    return a.compareTo(b);
  }

  private static boolean isNumeric(String identifier) {
    return NUMERIC.matcher(identifier).matches();
  }
}
