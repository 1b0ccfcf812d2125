package io.agentry.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;

/** What every error of the API must look like: RFC 9457 problem+json with a detail. */
final class Problems {

  private Problems() {}

  /**
   * Null when {@code body} (with {@code contentType}) is a proper problem of {@code status}, else
   * what is wrong with it.
   */
  static String defect(int status, String contentType, String body) {
    if (contentType == null || !contentType.startsWith("application/problem+json")) {
      return "Content-Type is " + contentType + ", not application/problem+json";
    }
    JsonNode problem;
    try {
      problem = PublicApi.JSON.readTree(body);
    } catch (IOException e) {
      return "the body is not JSON: " + body;
    }
    if (problem == null || !problem.isObject()) {
      return "the body is not a JSON object: " + body;
    }
    if (problem.path("status").asInt() != status) {
      return "the problem's status is " + problem.path("status") + ", not " + status;
    }
    if (!problem.path("type").asText().startsWith("/problems/")) {
      return "the problem's type is " + problem.path("type");
    }
    if (problem.path("title").asText().isBlank() || problem.path("detail").asText().isBlank()) {
      return "the problem has no title or no detail: " + body;
    }
    return null;
  }

  /** The problem's {@code type} slug, e.g. {@code agent-not-found}; empty when there is none. */
  static String slug(String body) {
    try {
      return PublicApi.JSON.readTree(body).path("type").asText().replaceFirst("^/problems/", "");
    } catch (IOException e) {
      return "";
    }
  }
}
