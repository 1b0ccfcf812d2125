package io.agentry.gateway.service;

import java.time.Instant;
import java.util.UUID;

/**
 * The task recorded for an {@code Idempotency-Key}.
 *
 * @param acknowledged true once Kafka acknowledged the task
 */
public record KeyedTask(UUID taskId, UUID agentId, Instant submittedAt, boolean acknowledged) {}
