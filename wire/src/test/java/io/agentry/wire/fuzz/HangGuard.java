package io.agentry.wire.fuzz;

import java.util.Base64;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A per-input bound for fuzz tests. An input that returns after more than {@link #LIMIT_SECONDS}
 * fails the test like any other failed check, with the input and its seed. An input that never
 * returns cannot be failed from its own thread: a watchdog prints it with the stuck stack and ends
 * the test JVM after a further grace period, so that the build fails instead of hanging.
 */
public final class HangGuard {
  public static final long LIMIT_SECONDS = 10;
  private static final long LIMIT_NANOS = TimeUnit.SECONDS.toNanos(LIMIT_SECONDS);
  private static final long HALT_NANOS = LIMIT_NANOS + TimeUnit.SECONDS.toNanos(20);
  private static final int SHOWN_BYTES = 64 * 1024;

  private record Running(Thread thread, long startedAt, byte[] input) {}

  private static volatile Running current;

  static {
    Thread watchdog = new Thread(HangGuard::watch, "fuzz-hang-guard");
    watchdog.setDaemon(true);
    watchdog.start();
  }

  private HangGuard() {}

  /** Runs {@code call} on {@code input}, failing if it takes longer than the limit. */
  public static <T> T run(byte[] input, Supplier<T> call) {
    Running running = new Running(Thread.currentThread(), System.nanoTime(), input);
    current = running;
    T result;
    try {
      result = call.get();
    } finally {
      current = null;
    }
    long elapsed = System.nanoTime() - running.startedAt();
    if (elapsed > LIMIT_NANOS) {
      throw new AssertionError(
          "one input took "
              + TimeUnit.NANOSECONDS.toMillis(elapsed)
              + " ms, over the bound of "
              + LIMIT_SECONDS
              + " s: "
              + show(input));
    }
    return result;
  }

  /** The input as base64, cut to a size a log can hold. */
  public static String show(byte[] input) {
    int shown = Math.min(input.length, SHOWN_BYTES);
    String text = Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(input, shown));
    return input.length + " bytes, base64 " + text + (shown < input.length ? "..." : "");
  }

  private static void watch() {
    while (true) {
      try {
        Thread.sleep(1000);
      } catch (InterruptedException e) {
        return;
      }
      Running running = current;
      if (running != null && System.nanoTime() - running.startedAt() > HALT_NANOS) {
        StringBuilder report =
            new StringBuilder("HANG: one fuzz input has not returned for ")
                .append(TimeUnit.NANOSECONDS.toSeconds(HALT_NANOS))
                .append(" s; input ")
                .append(show(running.input()))
                .append("\nstack of ")
                .append(running.thread().getName())
                .append(':');
        for (StackTraceElement frame : running.thread().getStackTrace()) {
          report.append("\n\tat ").append(frame);
        }
        System.err.println(report);
        System.err.flush();
        System.out.flush();
        Runtime.getRuntime().halt(97);
      }
    }
  }
}
