package io.agentry.registry.repository;

import java.util.UUID;

/** An active API key's stored hash and the user it authenticates. */
public record StoredApiKey(UUID userId, String username, String keyHash) {}
