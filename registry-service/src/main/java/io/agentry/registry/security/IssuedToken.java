package io.agentry.registry.security;

import java.time.Instant;

/** A signed JWT and the instant it stops being accepted. */
public record IssuedToken(String token, Instant expiresAt) {}
