package io.agentry.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A Java child process whose output goes to a log file; stopped with SIGTERM, then by force. */
final class ChildProcess {

  private static final long STOP_GRACE_SECONDS = 20;

  private final String name;
  private final Process process;

  private ChildProcess(String name, Process process) {
    this.name = name;
    this.process = process;
  }

  /**
   * {@code -Djava.io.tmpdir=<dir>}, creating the folder: a child's temp files stay in a folder of
   * its stack, never in the shared one (on Linux the JVM ignores {@code TMPDIR}).
   */
  static String tmpDirArg(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new StackException("could not create " + dir + ": " + e.getMessage(), e);
    }
    return "-Djava.io.tmpdir=" + dir;
  }

  /** Runs {@code java <jvmArgs> <args>} with the same Java that runs this code. */
  static ChildProcess startJava(String name, List<String> jvmArgs, List<String> args, Path log) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmArgs);
    command.addAll(args);
    try {
      Files.createDirectories(log.getParent());
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
              .start();
      return new ChildProcess(name, process);
    } catch (IOException e) {
      throw new StackException("could not start " + name + ": " + e.getMessage(), e);
    }
  }

  /** Runs a short-lived Java command to completion; fails with its output when it fails. */
  static void runJava(String name, List<String> jvmArgs, List<String> args, Path log) {
    ChildProcess child = startJava(name, jvmArgs, args, log);
    try {
      if (!child.process.waitFor(120, TimeUnit.SECONDS)) {
        child.stop();
        throw new StackException(name + " did not finish within 120 s; see " + log);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      child.stop();
      throw new StackException("interrupted while running " + name, e);
    }
    if (child.process.exitValue() != 0) {
      throw new StackException(
          name + " failed with exit code " + child.process.exitValue() + "; see " + log);
    }
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** SIGKILL, then waits for the process to be gone. */
  void kill() {
    try {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** SIGTERM, a grace period, then SIGKILL. */
  void stop() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(STOP_GRACE_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  private static java.io.File nullDevice() {
    return new java.io.File("/dev/null");
  }
}
