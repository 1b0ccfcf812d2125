package io.agentry.client.model;

import java.time.Instant;
import java.util.UUID;

/**
 * An API key as lists show it ({@code prefix} is a short non-secret start), or as it is created
 * ({@code apiKey} is the secret, shown only then; null in lists).
 */
public record ApiKey(UUID id, String prefix, String apiKey, Instant createdAt) {}
