package io.agentry.client.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;

/**
 * An API key as lists show it ({@code prefix} is a short non-secret start), or as it is created
 * ({@code apiKey} is the secret, shown only then; null in lists). {@code expiresAt} is null for a
 * key that works until it is revoked.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiKey(UUID id, String prefix, String apiKey, Instant createdAt, Instant expiresAt) {}
