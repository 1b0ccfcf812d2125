package io.agentry.registry.security;

import java.util.UUID;

/**
 * Whom a token is issued to and from which credential.
 *
 * @param generation the user's session generation when the credential was checked
 * @param keyId the API key the token stands for, or null for a login token (and tokens from it)
 */
public record TokenSubject(UUID userId, String username, int generation, UUID keyId) {}
