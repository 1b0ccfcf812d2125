package io.agentry.registry;

import java.time.Instant;
import java.util.UUID;

/** An API key as its owner may see it again: never the secret, only its first characters. */
public record ApiKey(UUID id, String prefix, Instant createdAt) {}
