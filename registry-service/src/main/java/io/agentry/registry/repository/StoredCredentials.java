package io.agentry.registry.repository;

import io.agentry.registry.User;

/** A user with their password hash and session generation, for login only. */
public record StoredCredentials(User user, String passwordHash, int tokenGeneration) {}
