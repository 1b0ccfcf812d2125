package io.agentry.cli;

import io.agentry.client.ApiException;
import io.agentry.client.model.Problem;

/**
 * An error answer as a person wants to read it: the title and status, the detail on the next line,
 * each invalid field on a line of its own, and when to try again.
 */
final class ProblemText {

  private ProblemText() {}

  static String describe(ApiException e) {
    Problem problem = e.problem();
    StringBuilder text = new StringBuilder();
    text.append(problem.title() != null ? problem.title() : "HTTP error");
    text.append(" (").append(e.status());
    if (problem.slug() != null) {
      text.append(' ').append(problem.slug());
    }
    text.append(')');
    if (problem.detail() != null && !problem.detail().isBlank()) {
      text.append("\n  ").append(problem.detail());
    }
    for (Problem.FieldError error : problem.errors()) {
      text.append("\n  - ").append(error.field()).append(": ").append(error.message());
    }
    e.retryAfterSeconds()
        .ifPresent(seconds -> text.append("\n  try again in ").append(seconds).append(" s"));
    return text.toString();
  }
}
