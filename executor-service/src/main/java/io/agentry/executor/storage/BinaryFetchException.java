package io.agentry.executor.storage;

/**
 * A binary that cannot be used to run a task. The message is the task's error: a sentence a person
 * can act on.
 */
public final class BinaryFetchException extends RuntimeException {

  private BinaryFetchException(String message, Throwable cause) {
    super(message, cause);
  }

  static BinaryFetchException notFound(String key) {
    return new BinaryFetchException("binary " + key + " not found in the store", null);
  }

  static BinaryFetchException integrity(String actual, String expected) {
    return new BinaryFetchException(
        "integrity check failed: the binary's SHA-256 is "
            + actual
            + ", the task expects "
            + expected,
        null);
  }

  static BinaryFetchException tooLarge(String key, long limit) {
    return new BinaryFetchException(
        "binary " + key + " is larger than the limit of " + limit + " bytes", null);
  }

  static BinaryFetchException refused(String key, int status, Throwable cause) {
    return new BinaryFetchException(
        "the binary store refused to give "
            + key
            + " (HTTP "
            + status
            + "); the executor's store credentials or permissions need fixing",
        cause);
  }

  static BinaryFetchException unreachable(int attempts, Throwable cause) {
    return new BinaryFetchException(
        "the binary store could not be reached after "
            + attempts
            + (attempts == 1 ? " attempt" : " attempts")
            + "; submit the task again",
        cause);
  }
}
