package io.agentry.client.model;

import java.time.Instant;
import java.util.UUID;

/** {@code POST /users/register}: the new user and its first API key. */
public record Registration(UUID id, String username, String apiKey, Instant createdAt) {}
