package io.agentry.gateway.client;

import io.agentry.wire.TaskStatus;
import java.util.UUID;

/** A task as results-service knows it, reduced to what a cancellation needs. */
public record TaskState(UUID taskId, UUID agentId, TaskStatus status) {}
