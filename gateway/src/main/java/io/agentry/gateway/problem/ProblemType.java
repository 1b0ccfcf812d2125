package io.agentry.gateway.problem;

/** Every kind of error the gateway answers with itself: its HTTP status, slug and title. */
public enum ProblemType {
  INVALID_JSON(400, "invalid-json", "The body is not valid JSON"),
  INVALID_TASK(400, "invalid-task", "The task is invalid"),
  BAD_REQUEST(400, "bad-request", "Bad request"),
  UNAUTHORIZED(401, "unauthorized", "Authentication required"),
  SPEND_CAP_REACHED(402, "spend-cap-reached", "Monthly spending cap reached"),
  ORIGIN_NOT_ALLOWED(403, "origin-not-allowed", "Origin not allowed"),
  CROSS_SITE_REQUEST(403, "cross-site-request", "Cross-site request refused"),
  NOT_FOUND(404, "not-found", "Not found"),
  AGENT_NOT_FOUND(404, "agent-not-found", "Agent not found"),
  TASK_NOT_FOUND(404, "task-not-found", "Task not found"),
  MCP_SESSION_NOT_FOUND(404, "mcp-session-not-found", "MCP session not found"),
  METHOD_NOT_ALLOWED(405, "method-not-allowed", "Method not allowed"),
  NOT_ACCEPTABLE(406, "not-acceptable", "Not acceptable"),
  AGENT_UNAVAILABLE(409, "agent-unavailable", "Agent unavailable"),
  TASK_FINISHED(409, "task-finished", "Task finished"),
  IDEMPOTENCY_KEY_REUSED(409, "idempotency-key-reused", "Idempotency-Key used for another request"),
  INPUT_TOO_LARGE(413, "input-too-large", "Input too large"),
  BINARY_TOO_LARGE(413, "binary-too-large", "Binary too large"),
  REQUEST_TOO_LARGE(413, "request-too-large", "Request too large"),
  UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "Unsupported media type"),
  RATE_LIMITED(429, "rate-limited", "Too many requests"),
  TASK_QUOTA_EXCEEDED(429, "task-quota-exceeded", "Task quota exceeded"),
  INTERNAL_ERROR(500, "internal-error", "Internal error"),
  QUEUE_UNAVAILABLE(503, "queue-unavailable", "Task queue unavailable"),
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
