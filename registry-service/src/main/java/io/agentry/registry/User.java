package io.agentry.registry;

import java.time.Instant;
import java.util.UUID;

/** A registered user, as every other part of the registry sees one (no secrets). */
public record User(UUID id, String username, Instant createdAt) {}
