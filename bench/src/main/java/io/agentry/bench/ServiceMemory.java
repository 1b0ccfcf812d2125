package io.agentry.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The resident memory of the processes that {@code ./agentry up} started, read from the PID files
 * in {@code .agentry/run} and {@code /proc/PID/status} (Linux).
 */
final class ServiceMemory {

  static final List<String> SERVICES = List.of("registry", "results", "executor", "gateway");
  static final long TARGET_MIB = 256;

  /** A process's resident set, in MiB; -1 when it could not be read. */
  record Rss(String name, long pid, long mib) {}

  private ServiceMemory() {}

  static List<Rss> read(Path runDirectory) {
    List<Rss> all = new ArrayList<>();
    for (String name : SERVICES) {
      long pid = -1;
      long mib = -1;
      try {
        pid = Long.parseLong(Files.readString(runDirectory.resolve(name + ".pid")).trim());
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
          if (line.startsWith("VmRSS:")) {
            mib = Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
          }
        }
      } catch (IOException | NumberFormatException e) {
        // Not started by ./agentry, or not Linux: reported as unknown.
      }
      all.add(new Rss(name, pid, mib));
    }
    return all;
  }
}
