package io.agentry.results;

import java.time.Instant;
import java.util.UUID;

/**
 * Run statistics of an agent over the results still kept (see the retention settings). Durations
 * are those of completed tasks (SUCCEEDED, FAILED, TIMED_OUT); every figure but the counts is null
 * before the first completed run.
 */
public record AgentStats(
    UUID agentId,
    long tasksCompleted,
    long tasksSucceeded,
    long tasksFailed,
    long tasksTimedOut,
    Double successRate,
    Double avgDurationMs,
    Long p50DurationMs,
    Long p95DurationMs,
    Instant lastRunAt) {}
