package io.agentry.cli;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Progress on stderr: redrawn in place on a terminal, a line at the start and the end otherwise (so
 * logs of scripted runs stay readable).
 */
final class Progress {

  private static final long REDRAW_NANOS = 100_000_000L;

  private final PrintStream out;
  private final boolean terminal;
  private long lastDraw;

  Progress(PrintStream out, boolean terminal) {
    this.out = out;
    this.terminal = terminal;
  }

  /** Shows {@code label done/total}, at most ten times a second on a terminal. */
  synchronized void bytes(String label, long done, long total) {
    long now = System.nanoTime();
    boolean finished = done >= total;
    if (terminal) {
      if (finished || now - lastDraw >= REDRAW_NANOS) {
        lastDraw = now;
        out.printf(
            Locale.ROOT,
            "\r%s %s / %s (%d%%)  ",
            label,
            size(done),
            size(total),
            percent(done, total));
        if (finished) {
          out.println();
        }
      }
    } else if (done == 0 || finished) {
      out.printf(Locale.ROOT, "%s %s / %s%n", label, size(done), size(total));
    }
  }

  /** A line of its own. */
  synchronized void line(String text) {
    out.println(text);
  }

  static String size(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    if (bytes < 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
    }
    return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
  }

  private static long percent(long done, long total) {
    return total == 0 ? 100 : done * 100 / total;
  }
}
