package io.agentry.localstack.launcher;

import io.agentry.localstack.launcher.OwnProcesses.Owned;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Stops processes: SIGTERM to all at once, a grace period, then SIGKILL to what is left. */
final class Stopper {

  private static final Duration AFTER_KILL = Duration.ofSeconds(5);

  private final PrintWriter out;
  private final PrintWriter err;

  Stopper(PrintWriter out, PrintWriter err) {
    this.out = out;
    this.err = err;
  }

  /**
   * Stops the processes and reports each.
   *
   * @return the parts that had to be killed
   */
  List<Part> stop(List<Owned> processes, Duration grace) {
    processes.forEach(owned -> owned.handle().destroy());
    List<Part> killed = new ArrayList<>();
    long deadline = System.nanoTime() + grace.toNanos();
    for (Owned owned : processes) {
      if (!awaitExit(owned.handle(), Duration.ofNanos(deadline - System.nanoTime()))) {
        err.println(
            owned.part().label() + " did not stop within " + grace.toSeconds() + "s; killing it");
        kill(owned.handle());
        killed.add(owned.part());
      }
      out.println("stopped " + owned.part().label() + " (pid " + owned.handle().pid() + ")");
    }
    return killed;
  }

  /** SIGKILL, then waits a little for the process to be gone. */
  static boolean kill(ProcessHandle handle) {
    handle.destroyForcibly();
    return awaitExit(handle, AFTER_KILL);
  }

  static boolean awaitExit(ProcessHandle handle, Duration timeout) {
    if (!handle.isAlive()) {
      return true;
    }
    try {
      handle.onExit().get(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException | ExecutionException e) {
      return !handle.isAlive();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !handle.isAlive();
    }
  }
}
