package io.agentry.gateway.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** An RFC 9457 problem body; {@code errors} only on validation errors. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(
    String type, String title, int status, String detail, List<FieldError> errors) {

  /** The media type of every error body. */
  public static final String MEDIA_TYPE = "application/problem+json";

  public static Problem of(ProblemType type, String detail, List<FieldError> errors) {
    return new Problem(type.uri(), type.title(), type.status(), detail, errors);
  }

  public static Problem of(ProblemType type, String detail) {
    return of(type, detail, List.of());
  }
}
