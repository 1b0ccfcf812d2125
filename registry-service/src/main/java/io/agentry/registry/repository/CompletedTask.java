package io.agentry.registry.repository;

import java.time.Instant;
import java.util.UUID;

/**
 * A task that ran to an end, as its terminal event names it ({@code userId} may be null).
 *
 * @param succeeded whether it ended SUCCEEDED (else FAILED or TIMED_OUT)
 * @param durationMs how long the run took
 * @param endedAt when it ended
 */
public record CompletedTask(
    UUID taskId, UUID agentId, UUID userId, boolean succeeded, long durationMs, Instant endedAt) {}
