package io.agentry.gateway;

import java.time.Instant;
import java.util.UUID;

/** The 202 body of a submission: the task is queued. */
public record AcceptedTask(UUID taskId, UUID agentId, String status, Instant submittedAt) {

  public static AcceptedTask queued(UUID taskId, UUID agentId, Instant submittedAt) {
    return new AcceptedTask(taskId, agentId, "QUEUED", submittedAt);
  }

  /** The public path of the task, for the {@code Location} header. */
  public String location() {
    return "/api/v1/tasks/" + taskId;
  }
}
