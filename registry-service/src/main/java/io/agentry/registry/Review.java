package io.agentry.registry;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.UUID;

/**
 * A rating with a review, as {@code GET /agents/{id}/reviews} lists it.
 *
 * @param version the version of the agent its author ran last before writing it, null when the run
 *     was recorded before versions were
 * @param ratedAt when the review was written or last replaced
 */
public record Review(
    @JsonIgnore UUID userId,
    String username,
    int score,
    String review,
    String version,
    Instant ratedAt) {}
