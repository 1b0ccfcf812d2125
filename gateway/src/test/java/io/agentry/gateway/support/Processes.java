package io.agentry.gateway.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Suspends and resumes real server processes, to test what the gateway does when one hangs. */
public final class Processes {

  private Processes() {}

  /** Freezes the process (SIGSTOP): its sockets stay open but nothing answers. */
  public static void suspend(long pid) {
    signal("STOP", pid);
  }

  /** Lets a suspended process run again (SIGCONT). */
  public static void resume(long pid) {
    signal("CONT", pid);
  }

  /** The Kafka broker of this JVM's local stack. */
  public static long kafkaBroker() {
    Optional<ProcessHandle> broker =
        ProcessHandle.current()
            .descendants()
            .filter(process -> commandLine(process.pid()).contains("\0kafka.Kafka\0"))
            .findFirst();
    return broker.orElseThrow(() -> new IllegalStateException("no Kafka broker process")).pid();
  }

  /** The process's arguments, NUL-separated, from /proc (empty when unreadable). */
  private static String commandLine(long pid) {
    try {
      return new String(
          Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")),
          StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  /** A short pause between two polls of a condition, so polling does not flood the gateway. */
  public static void pause() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void signal(String signal, long pid) {
    try {
      Process kill =
          new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
      if (kill.waitFor() != 0) {
        throw new IllegalStateException("kill -" + signal + " " + pid + " failed");
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
