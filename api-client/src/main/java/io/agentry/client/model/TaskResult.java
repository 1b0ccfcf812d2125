package io.agentry.client.model;

import java.time.Instant;
import java.util.UUID;

/**
 * The stored outcome of an ended task ({@code GET /tasks/{id}/results}); {@code stdout} and {@code
 * stderr} are text with invalid UTF-8 replaced (the exact bytes have their own paths).
 */
public record TaskResult(
    UUID taskId,
    UUID agentId,
    String status,
    Integer exitCode,
    String stdout,
    String stderr,
    boolean stdoutTruncated,
    boolean stderrTruncated,
    long durationMs,
    String error,
    Instant createdAt) {

  public boolean succeeded() {
    return "SUCCEEDED".equals(status);
  }
}
