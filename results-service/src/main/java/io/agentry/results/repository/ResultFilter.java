package io.agentry.results.repository;

import io.agentry.wire.TaskStatus;
import java.time.Instant;
import java.util.UUID;

/**
 * Which of a user's results to list, newest first.
 *
 * @param since only results created at or after this instant, or null
 * @param until only results created before this instant, or null
 * @param afterAt with {@code afterId}: the last row of the previous page, or null for the first
 * @param limit how many rows to read
 */
public record ResultFilter(
    UUID userId,
    UUID agentId,
    TaskStatus status,
    Instant since,
    Instant until,
    Instant afterAt,
    UUID afterId,
    int limit) {}
