package io.agentry.sandbox;

/**
 * The one place that turns a failure's description into the {@code error} of a task result: short
 * enough for the event, and free of NUL characters (a module controls parts of some messages, and a
 * NUL would make the event unrecordable).
 */
public final class ErrorText {

  private static final int MAX_CHARS = 1000;

  private ErrorText() {}

  public static String of(String description) {
    String clean = description.replace('\0', '\uFFFD');
    return clean.length() <= MAX_CHARS ? clean : clean.substring(0, MAX_CHARS) + "...";
  }
}
