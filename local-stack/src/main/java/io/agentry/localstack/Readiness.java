package io.agentry.localstack;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polls a real readiness check until it passes, the server dies, or time runs out. */
final class Readiness {

  /** A check that either passes or throws with the reason it did not. */
  @FunctionalInterface
  interface Check {
    void run() throws Exception;
  }

  private static final long POLL_MILLIS = 100;

  private Readiness() {}

  static void await(String server, Duration timeout, BooleanSupplier alive, Check check) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Exception last = null;
    while (System.nanoTime() < deadline) {
      if (!alive.getAsBoolean()) {
        throw new StackException(server + " exited while starting; see its log");
      }
      try {
        check.run();
        return;
      } catch (Exception e) {
        last = e;
      }
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StackException("interrupted while waiting for " + server, e);
      }
    }
    throw new StackException(
        server + " was not ready within " + timeout.toSeconds() + " s: " + describe(last), last);
  }

  private static String describe(Exception e) {
    return e == null ? "no answer" : e.getClass().getSimpleName() + ": " + e.getMessage();
  }
}
