package io.agentry.cli;

/** A failure the user can act on: printed as one line, ending the command with an exit code. */
final class CliException extends RuntimeException {

  /** Exit code for a wrong command line. */
  static final int USAGE = 2;

  /** Exit code for a failure of the platform or of the connection to it. */
  static final int FAILURE = 1;

  private final int exitCode;

  CliException(String message) {
    this(message, FAILURE);
  }

  CliException(String message, int exitCode) {
    super(message);
    this.exitCode = exitCode;
  }

  static CliException usage(String message) {
    return new CliException(message, USAGE);
  }

  int exitCode() {
    return exitCode;
  }
}
