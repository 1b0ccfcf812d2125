package io.agentry.registry.rest;

import java.time.Instant;
import java.util.UUID;

/** The body of {@code POST /users/me/api-keys}: the only time the key itself is shown. */
public record ApiKeyCreated(UUID id, String apiKey, Instant createdAt) {}
