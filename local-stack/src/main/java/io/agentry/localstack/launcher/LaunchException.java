package io.agentry.localstack.launcher;

/** A launcher command cannot go on; the message tells the user what happened and what to do. */
final class LaunchException extends RuntimeException {

  LaunchException(String message) {
    super(message);
  }

  LaunchException(String message, Throwable cause) {
    super(message, cause);
  }
}
