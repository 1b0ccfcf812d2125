package io.agentry.results;

import io.agentry.wire.TaskStatus;
import java.time.Instant;
import java.util.UUID;

/**
 * A task as recorded from its events.
 *
 * @param submittedAt the time of the earliest event seen (the QUEUED event when there was one)
 * @param startedAt the earliest start by an executor, or null
 * @param finishedAt the time of the terminal event, or null
 * @param attempts how many times an executor started the task: the larger of the distinct RUNNING
 *     events seen and the highest attempt number any event carried
 */
public record Task(
    UUID taskId,
    UUID agentId,
    TaskStatus status,
    Instant submittedAt,
    Instant startedAt,
    Instant finishedAt,
    int attempts) {}
