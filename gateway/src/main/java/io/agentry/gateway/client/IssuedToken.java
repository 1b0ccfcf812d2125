package io.agentry.gateway.client;

import java.time.Instant;

/** The registry's answer to a token exchange. */
public record IssuedToken(String token, Instant expiresAt) {}
