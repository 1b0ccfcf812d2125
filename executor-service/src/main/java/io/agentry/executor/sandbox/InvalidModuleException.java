package io.agentry.executor.sandbox;

/** A binary that is not a runnable agent; the message says why, for the task's error. */
public final class InvalidModuleException extends RuntimeException {

  InvalidModuleException(String message, Throwable cause) {
    super(message, cause);
  }
}
