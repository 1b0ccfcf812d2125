package io.agentry.client.model;

import java.time.Instant;

/** {@code POST /users/login}: a signed token, usable like an API key until it expires. */
public record LoginToken(String token, Instant expiresAt) {}
