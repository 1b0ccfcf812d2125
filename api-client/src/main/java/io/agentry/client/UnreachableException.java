package io.agentry.client;

/** No answer from the platform: it cannot be connected to, or did not answer in time. */
public class UnreachableException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public UnreachableException(String message, Throwable cause) {
    super(message, cause);
  }
}
