package io.agentry.registry.repository;

import java.util.UUID;

/**
 * A working API key's stored hash, the user it authenticates and that user's session generation.
 */
public record StoredApiKey(
    UUID keyId, UUID userId, String username, String keyHash, int tokenGeneration) {}
