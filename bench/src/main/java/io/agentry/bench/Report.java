package io.agentry.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The markdown report of one bench run: every section is printed as it is written and kept, and the
 * whole report is saved to a file, so runs can be compared side by side.
 */
public final class Report {

  private final StringBuilder markdown = new StringBuilder();

  public void heading(String text) {
    line("");
    line("## " + text);
    line("");
  }

  public void line(String text) {
    System.out.println(text);
    markdown.append(text).append('\n');
  }

  public void table(List<String> header, List<List<String>> rows) {
    line("| " + String.join(" | ", header) + " |");
    line("|" + "---|".repeat(header.size()));
    for (List<String> row : rows) {
      line("| " + String.join(" | ", row) + " |");
    }
  }

  void save(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(file, markdown.toString());
    System.out.println();
    System.out.println("Report written to " + file);
  }

  /** Milliseconds with a precision that suits their size; "n/a" for NaN. */
  public static String ms(double ms) {
    if (Double.isNaN(ms)) {
      return "n/a";
    }
    return ms >= 100 ? String.format("%.0f", ms) : String.format("%.1f", ms);
  }

  public static String verdict(boolean met) {
    return met ? "met" : "**missed**";
  }
}
