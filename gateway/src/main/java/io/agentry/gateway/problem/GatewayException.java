package io.agentry.gateway.problem;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * A failure the gateway answers with a problem of a known {@link ProblemType}; the message is the
 * problem's detail, written for the caller.
 */
public class GatewayException extends RuntimeException {

  private final ProblemType type;
  private final List<FieldError> errors;
  private final OptionalInt retryAfterSeconds;
  private final Map<String, Object> extensions;

  public GatewayException(ProblemType type, String detail) {
    this(type, detail, List.of(), OptionalInt.empty(), null);
  }

  public GatewayException(ProblemType type, String detail, List<FieldError> errors) {
    this(type, detail, errors, OptionalInt.empty(), null);
  }

  private GatewayException(
      ProblemType type,
      String detail,
      List<FieldError> errors,
      OptionalInt retryAfterSeconds,
      Throwable cause) {
    this(type, detail, errors, retryAfterSeconds, Map.of(), cause);
  }

  private GatewayException(
      ProblemType type,
      String detail,
      List<FieldError> errors,
      OptionalInt retryAfterSeconds,
      Map<String, Object> extensions,
      Throwable cause) {
    super(detail, cause, false, false);
    this.type = type;
    this.errors = List.copyOf(errors);
    this.retryAfterSeconds = retryAfterSeconds;
    this.extensions = new LinkedHashMap<>(extensions);
  }

  /**
   * A problem with members of its own (e.g. a quota's limit and use), and a {@code Retry-After}
   * when {@code retryAfterSeconds} is present.
   */
  public static GatewayException withMembers(
      ProblemType type, String detail, Map<String, Object> members, OptionalInt retryAfterSeconds) {
    return new GatewayException(type, detail, List.of(), retryAfterSeconds, members, null);
  }

  /** A 503 or 429 that tells the caller when to try again. */
  public static GatewayException retryLater(
      ProblemType type, String detail, int seconds, Throwable cause) {
    return new GatewayException(type, detail, List.of(), OptionalInt.of(seconds), cause);
  }

  public ProblemType type() {
    return type;
  }

  public List<FieldError> errors() {
    return errors;
  }

  public OptionalInt retryAfterSeconds() {
    return retryAfterSeconds;
  }

  public Problem problem() {
    return Problem.of(type, getMessage(), errors, extensions);
  }
}
