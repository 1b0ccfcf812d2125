package io.agentry.registry;

import java.time.Instant;
import java.util.UUID;

/**
 * An API key as its owner may see it again: never the secret, only its first characters.
 *
 * @param expiresAt when the key stops working, or null when it never expires
 */
public record ApiKey(UUID id, String prefix, Instant createdAt, Instant expiresAt) {}
