package io.agentry.client;

import io.agentry.client.model.Problem;
import java.util.OptionalInt;

/** The platform answered with an error: its status and the problem it described. */
public class ApiException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int status;
  private final transient Problem problem;
  private final Integer retryAfterSeconds;

  public ApiException(int status, Problem problem, Integer retryAfterSeconds) {
    super(summary(status, problem));
    this.status = status;
    this.problem = problem;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** The HTTP status. */
  public int status() {
    return status;
  }

  /** The problem of the answer; its fields are null when the body was not problem+json. */
  public Problem problem() {
    return problem;
  }

  /** True when the problem's type is {@code /problems/<slug>}. */
  public boolean is(String slug) {
    return slug.equals(problem.slug());
  }

  /** The {@code Retry-After} of the answer, in seconds, when it had one. */
  public OptionalInt retryAfterSeconds() {
    return retryAfterSeconds == null ? OptionalInt.empty() : OptionalInt.of(retryAfterSeconds);
  }

  private static String summary(int status, Problem problem) {
    String detail = problem.detail() != null ? problem.detail() : problem.title();
    return "HTTP " + status + (detail == null ? "" : ": " + detail);
  }
}
