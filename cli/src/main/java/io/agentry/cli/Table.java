package io.agentry.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** Rows under a header, in columns as wide as their widest cell; the last column is not padded. */
final class Table {

  private final List<String[]> rows = new ArrayList<>();

  Table(String... header) {
    rows.add(header);
  }

  Table row(Object... cells) {
    String[] text = new String[cells.length];
    for (int i = 0; i < cells.length; i++) {
      text[i] = cells[i] == null ? "-" : cells[i].toString();
    }
    rows.add(text);
    return this;
  }

  void print(PrintStream out) {
    int columns = rows.get(0).length;
    int[] widths = new int[columns];
    for (String[] row : rows) {
      for (int i = 0; i < columns - 1; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < columns; i++) {
        line.append(i == columns - 1 ? row[i] : String.format("%-" + widths[i] + "s  ", row[i]));
      }
      out.println(line.toString().stripTrailing());
    }
  }

  /** The first line of {@code text}, at most {@code max} characters. */
  static String firstLine(String text, int max) {
    String line = text == null ? "" : text.lines().findFirst().orElse("");
    return line.length() > max ? line.substring(0, max - 3) + "..." : line;
  }
}
