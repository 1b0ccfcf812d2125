package io.agentry.registry.problem;

import java.time.Duration;

/**
 * A 429: too many login or registration attempts; {@code Retry-After} and the detail say when the
 * next one is allowed.
 */
public class TooManyAttemptsException extends RegistryException {

  private final long retryAfterSeconds;

  /**
   * @param reason what was too many, e.g. "Too many registrations from your address"
   * @param wait how long until the next attempt is allowed
   */
  public TooManyAttemptsException(String reason, Duration wait) {
    this(reason, wholeSeconds(wait));
  }

  private TooManyAttemptsException(String reason, long seconds) {
    super(ProblemType.RATE_LIMITED, reason + "; try again in " + inWords(seconds) + ".");
    this.retryAfterSeconds = seconds;
  }

  /** Whole seconds to wait, at least 1. */
  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }

  private static long wholeSeconds(Duration wait) {
    long seconds = wait.getSeconds() + (wait.getNano() > 0 ? 1 : 0);
    return Math.max(1, seconds);
  }

  private static String inWords(long seconds) {
    if (seconds == 1) {
      return "1 second";
    }
    if (seconds < 120) {
      return seconds + " seconds";
    }
    return (seconds + 59) / 60 + " minutes";
  }
}
