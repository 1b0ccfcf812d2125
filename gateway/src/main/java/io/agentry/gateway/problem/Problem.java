package io.agentry.gateway.problem;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * An RFC 9457 problem body; {@code errors} only on validation errors, {@code extensions} (members
 * of their own, such as a quota's figures) only where a problem type has them.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(
    String type,
    String title,
    int status,
    String detail,
    List<FieldError> errors,
    @JsonIgnore Map<String, Object> extensions) {

  /** The media type of every error body. */
  public static final String MEDIA_TYPE = "application/problem+json";

  public static Problem of(
      ProblemType type, String detail, List<FieldError> errors, Map<String, Object> extensions) {
    return new Problem(type.uri(), type.title(), type.status(), detail, errors, extensions);
  }

  public static Problem of(ProblemType type, String detail, List<FieldError> errors) {
    return of(type, detail, errors, Map.of());
  }

  public static Problem of(ProblemType type, String detail) {
    return of(type, detail, List.of());
  }

  /** The extension members, written next to the standard ones. */
  @JsonAnyGetter
  Map<String, Object> extensionMembers() {
    return extensions;
  }
}
