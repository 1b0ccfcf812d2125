package io.agentry.registry.rest;

import java.time.Instant;
import java.util.UUID;

/** The body of {@code POST /users/register}. */
public record Registered(UUID id, String username, String apiKey, Instant createdAt) {}
