package io.agentry.client.model;

import java.util.List;

/** An {@code application/problem+json} answer (RFC 9457) as the platform sends it. */
public record Problem(
    String type, String title, int status, String detail, List<FieldError> errors) {

  public Problem {
    errors = errors == null ? List.of() : List.copyOf(errors);
  }

  /** The slug of {@code type} ({@code /problems/<slug>}), or null. */
  public String slug() {
    return type != null && type.startsWith("/problems/")
        ? type.substring("/problems/".length())
        : null;
  }

  /** One invalid field and what is wrong with it. */
  public record FieldError(String field, String message) {}
}
