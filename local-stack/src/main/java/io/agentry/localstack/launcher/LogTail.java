package io.agentry.localstack.launcher;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** The last lines of a log, read from its end (logs grow without bound). */
final class LogTail {

  private static final int CHUNK = 8192;

  private LogTail() {}

  /** Up to {@code count} last lines, or none when the file does not exist. */
  static List<String> lastLines(Path file, int count) {
    if (!Files.isRegularFile(file)) {
      return List.of();
    }
    try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
      long end = in.length();
      long start = end;
      int newlines = 0;
      byte[] chunk = new byte[CHUNK];
      while (start > 0 && newlines <= count) {
        int size = (int) Math.min(CHUNK, start);
        start -= size;
        in.seek(start);
        in.readFully(chunk, 0, size);
        for (int i = 0; i < size; i++) {
          if (chunk[i] == '\n') {
            newlines++;
          }
        }
      }
      in.seek(start);
      byte[] tail = new byte[(int) (end - start)];
      in.readFully(tail);
      Deque<String> lines = new ArrayDeque<>();
      for (String line : new String(tail, StandardCharsets.UTF_8).split("\n", -1)) {
        lines.addLast(line);
      }
      if (!lines.isEmpty() && lines.peekLast().isEmpty()) {
        lines.removeLast();
      }
      while (lines.size() > count) {
        lines.removeFirst();
      }
      return List.copyOf(lines);
    } catch (IOException e) {
      return List.of("(could not read " + file + ": " + e.getMessage() + ")");
    }
  }
}
