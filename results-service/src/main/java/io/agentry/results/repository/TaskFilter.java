package io.agentry.results.repository;

import io.agentry.wire.TaskStatus;
import java.time.Instant;
import java.util.UUID;

/**
 * Which of a user's tasks to list, newest first.
 *
 * @param status only tasks in this status, or null
 * @param agentId only tasks of this agent, or null
 * @param afterAt with {@code afterId}: the last row of the previous page, or null for the first
 * @param limit how many rows to read
 */
public record TaskFilter(
    UUID userId, TaskStatus status, UUID agentId, Instant afterAt, UUID afterId, int limit) {}
