package io.agentry.results;

import io.agentry.wire.TaskStatus;
import io.agentry.wire.TaskUsage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * The result of an ended task, as {@code GET /tasks/{id}/results} shows it: output as text, invalid
 * UTF-8 replaced (the exact bytes have their own endpoints).
 */
public record TaskOutcome(
    UUID taskId,
    UUID agentId,
    TaskStatus status,
    Integer exitCode,
    String stdout,
    String stderr,
    boolean stdoutTruncated,
    boolean stderrTruncated,
    long durationMs,
    String error,
    Instant createdAt,
    TaskUsage usage) {

  /** Output bytes as text; malformed UTF-8 sequences become U+FFFD. */
  public static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
