package io.agentry.client.model;

import java.time.Instant;
import java.util.UUID;

/** {@code GET /users/me}. */
public record User(UUID id, String username, Instant createdAt) {}
