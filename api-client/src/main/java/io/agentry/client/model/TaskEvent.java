package io.agentry.client.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;

/** A status change of a task, as the live stream sends it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TaskEvent(
    UUID taskId, UUID agentId, String status, Instant at, int attempt, String message) {

  public boolean endsTheTask() {
    return Task.TERMINAL.contains(status);
  }
}
