package io.agentry.client.model;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** A task's status ({@code GET /tasks/{id}}). */
public record Task(
    UUID taskId,
    UUID agentId,
    String status,
    Instant submittedAt,
    Instant startedAt,
    Instant finishedAt,
    int attempts) {

  /** The statuses a task ends in. */
  public static final Set<String> TERMINAL =
      Set.of("SUCCEEDED", "FAILED", "TIMED_OUT", "CANCELLED", "REJECTED");

  public boolean hasEnded() {
    return TERMINAL.contains(status);
  }
}
