package io.agentry.client.model;

import java.time.Instant;
import java.util.UUID;

/** The 202 of {@code POST /tasks}: the task is queued. */
public record AcceptedTask(UUID taskId, UUID agentId, String status, Instant submittedAt) {}
