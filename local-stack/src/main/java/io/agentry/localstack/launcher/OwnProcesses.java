package io.agentry.localstack.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The processes of this {@code ./agentry}, found by their PID files and checked against their
 * command-line signatures, through {@link ProcessHandle} (no {@code /proc}, no {@code ps}).
 */
final class OwnProcesses {

  private final AgentryHome home;

  OwnProcesses(AgentryHome home) {
    this.home = home;
  }

  /** The live process of a part, when its PID file names one whose command line is the part's. */
  Optional<ProcessHandle> running(Part part) {
    return matching(readPid(home.pidFile(part.label())), part.signature(home));
  }

  boolean isRunning(Part part) {
    return running(part).isPresent();
  }

  /**
   * PostgreSQL's postmaster, also when the infrastructure process is gone: from its PID file, or
   * from the {@code postmaster.pid} of its data folder.
   */
  Optional<ProcessHandle> postmaster() {
    Signature signature = Part.POSTGRES.signature(home);
    return running(Part.POSTGRES)
        .or(() -> matching(readPid(home.data().resolve("postgres/postmaster.pid")), signature));
  }

  /** The infrastructure's servers that run, with or without the infrastructure process. */
  List<Owned> servers() {
    Set<Long> seen = new HashSet<>();
    return Part.SERVERS.stream()
        .flatMap(
            part ->
                (part == Part.POSTGRES ? postmaster() : running(part))
                        .filter(handle -> seen.add(handle.pid()))
                        .map(handle -> new Owned(part, handle))
                        .stream())
        .toList();
  }

  /**
   * Every live process that is one of ours by its command line alone (a Java or PostgreSQL program
   * matching a part's signature), whatever the PID files say: what a crash or a lost PID file may
   * have left listening.
   */
  List<Owned> strays() {
    Set<Long> mine = new HashSet<>();
    ProcessHandle self = ProcessHandle.current();
    for (Optional<ProcessHandle> p = Optional.of(self); p.isPresent(); p = p.get().parent()) {
      mine.add(p.get().pid());
    }
    return ProcessHandle.allProcesses()
        .filter(handle -> !mine.contains(handle.pid()))
        .flatMap(handle -> owned(handle).stream())
        .toList();
  }

  private Optional<Owned> owned(ProcessHandle handle) {
    ProcessHandle.Info info = handle.info();
    String program =
        info.command().map(command -> Path.of(command).getFileName().toString()).orElse("");
    if (!program.equals("java") && !program.equals("postgres")) {
      return Optional.empty();
    }
    String line = info.commandLine().orElse("");
    for (Part part : Part.values()) {
      if (part.signature(home).matches(line)) {
        return Optional.of(new Owned(part, handle));
      }
    }
    return Optional.empty();
  }

  static Optional<ProcessHandle> matching(OptionalLong pid, Signature signature) {
    if (pid.isEmpty()) {
      return Optional.empty();
    }
    return ProcessHandle.of(pid.getAsLong())
        .filter(ProcessHandle::isAlive)
        .filter(handle -> handle.info().commandLine().map(signature::matches).orElse(false));
  }

  /** The number on the first line of a PID file, when there is one. */
  static OptionalLong readPid(Path file) {
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      return lines.isEmpty()
          ? OptionalLong.empty()
          : OptionalLong.of(Long.parseLong(lines.get(0).trim()));
    } catch (IOException | NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  static void writePid(Path file, long pid) {
    try {
      Files.writeString(file, pid + "\n");
    } catch (IOException e) {
      throw new LaunchException("could not write " + file + ": " + e.getMessage(), e);
    }
  }

  /** A process of ours and what it is. */
  record Owned(Part part, ProcessHandle handle) {}
}
