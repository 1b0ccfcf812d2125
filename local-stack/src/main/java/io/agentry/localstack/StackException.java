package io.agentry.localstack;

/** A server of the local stack could not be started or stopped; the message says why. */
public class StackException extends RuntimeException {

  public StackException(String message) {
    super(message);
  }

  public StackException(String message, Throwable cause) {
    super(message, cause);
  }
}
