package io.agentry.registry.problem;

/** Every kind of error the registry answers with: its HTTP status, its slug and its title. */
public enum ProblemType {
  INVALID_JSON(400, "invalid-json", "The body is not valid JSON"),
  INVALID_REQUEST(400, "invalid-request", "The request is invalid"),
  INVALID_METADATA(400, "invalid-metadata", "The agent metadata is invalid"),
  INVALID_MULTIPART(400, "invalid-multipart", "The multipart body is invalid"),
  INVALID_QUERY(400, "invalid-query", "A query parameter is invalid"),
  INVALID_CURSOR(400, "invalid-cursor", "The cursor is invalid"),
  BAD_REQUEST(400, "bad-request", "Bad request"),
  UNAUTHORIZED(401, "unauthorized", "Authentication required"),
  INVALID_CREDENTIALS(401, "invalid-credentials", "Invalid username or password"),
  FORBIDDEN(403, "forbidden", "Forbidden"),
  RATING_REQUIRES_RUN(403, "rating-requires-run", "Only users who ran the agent may rate it"),
  NOT_FOUND(404, "not-found", "Not found"),
  AGENT_NOT_FOUND(404, "agent-not-found", "Agent not found"),
  API_KEY_NOT_FOUND(404, "api-key-not-found", "API key not found"),
  TOOLBOX_ENTRY_NOT_FOUND(404, "toolbox-entry-not-found", "Not in the toolbox"),
  SECRET_NOT_FOUND(404, "secret-not-found", "Secret not found"),
  METHOD_NOT_ALLOWED(405, "method-not-allowed", "Method not allowed"),
  NOT_ACCEPTABLE(406, "not-acceptable", "Not acceptable"),
  USERNAME_TAKEN(409, "username-taken", "Username taken"),
  VERSION_EXISTS(409, "version-exists", "Version exists"),
  AGENT_UNAVAILABLE(409, "agent-unavailable", "Agent unavailable"),
  TOOLBOX_FULL(409, "toolbox-full", "Toolbox full"),
  TOO_MANY_SECRETS(409, "too-many-secrets", "Too many secrets"),
  BINARY_TOO_LARGE(413, "binary-too-large", "Binary too large"),
  REQUEST_TOO_LARGE(413, "request-too-large", "Request too large"),
  UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "Unsupported media type"),
  INVALID_WASM(422, "invalid-wasm", "Invalid WebAssembly module"),
  RATE_LIMITED(429, "rate-limited", "Too many requests"),
  INTERNAL_ERROR(500, "internal-error", "Internal error"),
  STORAGE_UNAVAILABLE(503, "storage-unavailable", "Binary storage unavailable"),
  UPLOADS_BUSY(503, "uploads-busy", "Too many uploads in progress"),
  VALIDATION_BUSY(503, "validation-busy", "Too many modules are being validated"),
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
