package io.agentry.results.problem;

/** Every kind of error the results service answers with: its HTTP status, slug and title. */
public enum ProblemType {
  INVALID_QUERY(400, "invalid-query", "A query parameter is invalid"),
  INVALID_CURSOR(400, "invalid-cursor", "The cursor is invalid"),
  BAD_REQUEST(400, "bad-request", "Bad request"),
  INVALID_REQUEST(400, "invalid-request", "The request body is invalid"),
  UNAUTHORIZED(401, "unauthorized", "Authentication required"),
  FORBIDDEN(403, "forbidden", "Forbidden"),
  NOT_FOUND(404, "not-found", "Not found"),
  TASK_NOT_FOUND(404, "task-not-found", "Task not found"),
  AGENT_NOT_FOUND(404, "agent-not-found", "Agent not found"),
  RESULT_NOT_READY(404, "result-not-ready", "Result not ready"),
  METHOD_NOT_ALLOWED(405, "method-not-allowed", "Method not allowed"),
  NOT_ACCEPTABLE(406, "not-acceptable", "Not acceptable"),
  UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "Unsupported media type"),
  INTERNAL_ERROR(500, "internal-error", "Internal error"),
  SERVICE_UNAVAILABLE(503, "service-unavailable", "Service unavailable");

  private final int status;
  private final String slug;
  private final String title;

  ProblemType(int status, String slug, String title) {
    this.status = status;
    this.slug = slug;
    this.title = title;
  }

  public int status() {
    return status;
  }

  public String slug() {
    return slug;
  }

  public String title() {
    return title;
  }

  /** The relative URI that names this problem: {@code /problems/<slug>}. */
  public String uri() {
    return "/problems/" + slug;
  }
}
