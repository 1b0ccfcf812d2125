package io.agentry.registry.repository;

import java.util.UUID;

/** A task that ran to an end, as its terminal event names it ({@code userId} may be null). */
public record CompletedTask(UUID taskId, UUID agentId, UUID userId) {}
