package io.agentry.registry.rest;

import java.time.Instant;
import java.util.UUID;

/**
 * The body of {@code POST /users/me/api-keys}: the only time the key itself is shown.
 *
 * @param expiresAt when the key stops working, or null when it never expires
 */
public record ApiKeyCreated(UUID id, String apiKey, Instant createdAt, Instant expiresAt) {}
