package io.agentry.registry.repository;

import java.time.Instant;

/**
 * What the database says about a credential: the user's session generation and, when an API key was
 * asked about, whether it is one of theirs, when it was revoked and when it expires.
 */
public record CredentialState(
    int tokenGeneration, boolean keyFound, Instant keyRevokedAt, Instant keyExpiresAt) {}
