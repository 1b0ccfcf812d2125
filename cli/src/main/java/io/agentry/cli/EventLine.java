package io.agentry.cli;

import io.agentry.client.model.TaskEvent;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** A task event as one line of progress: the local time, the status, the attempt, a message. */
final class EventLine {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault());

  private EventLine() {}

  static String of(TaskEvent event) {
    StringBuilder text = new StringBuilder("  ");
    text.append(event.at() == null ? "            " : TIME.format(event.at())).append("  ");
    text.append(String.format("%-9s", event.status()));
    if (event.attempt() > 0) {
      text.append("  attempt ").append(event.attempt());
    }
    if (event.message() != null && !event.message().isEmpty()) {
      text.append("  ").append(event.message());
    }
    return text.toString();
  }
}
