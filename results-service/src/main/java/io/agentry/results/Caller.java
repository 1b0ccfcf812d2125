package io.agentry.results;

import java.util.UUID;

/** The authenticated user a request or connection acts for (from the registry's token). */
public record Caller(UUID id, String username) {}
