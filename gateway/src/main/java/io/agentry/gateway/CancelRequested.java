package io.agentry.gateway;

import java.util.UUID;

/**
 * The 202 body of {@code DELETE /tasks/{id}}: the cancellation was sent; the task ends CANCELLED.
 *
 * @param status the task's status when the cancellation was sent
 */
public record CancelRequested(UUID taskId, String status, boolean cancelRequested) {}
