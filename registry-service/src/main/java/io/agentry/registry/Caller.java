package io.agentry.registry;

import java.util.UUID;

/** The authenticated user a request acts for, whether it came with an API key or a token. */
public record Caller(UUID id, String username) {}
