package io.agentry.localstack.launcher;

import java.util.List;
import java.util.Locale;

/**
 * What a process's command line must contain, every part of it (ignoring case), for the process to
 * count as ours: a PID read from a file may have been recycled by another program since.
 */
record Signature(List<String> needles) {

  Signature {
    needles = needles.stream().map(needle -> needle.toLowerCase(Locale.ROOT)).toList();
  }

  static Signature of(String... needles) {
    return new Signature(List.of(needles));
  }

  boolean matches(String commandLine) {
    String line = commandLine.toLowerCase(Locale.ROOT);
    return needles.stream().allMatch(line::contains);
  }
}
