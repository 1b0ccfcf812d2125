package io.agentry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;

/** Turns an error response (RFC 9457 problem+json, or anything else) into one readable line. */
final class Problems {

  private Problems() {}

  static String describe(int status, String body) {
    JsonNode problem;
    try {
      problem = body == null || body.isBlank() ? null : Api.JSON.readTree(body);
    } catch (IOException e) {
      problem = null;
    }
    if (problem == null || !problem.isObject()) {
      return "HTTP " + status;
    }
    StringBuilder line = new StringBuilder("HTTP ").append(status);
    String type = problem.path("type").asText("");
    if (type.startsWith("/problems/")) {
      line.append(' ').append(type.substring("/problems/".length()));
    }
    String detail = problem.path("detail").asText(problem.path("title").asText(""));
    if (!detail.isEmpty()) {
      line.append(": ").append(detail);
    }
    for (JsonNode error : problem.path("errors")) {
      line.append("\n  ")
          .append(error.path("field").asText())
          .append(": ")
          .append(error.path("message").asText());
    }
    return line.toString();
  }
}
