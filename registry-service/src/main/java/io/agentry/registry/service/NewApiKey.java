package io.agentry.registry.service;

import io.agentry.registry.ApiKey;

/** A freshly created key with its secret, which is shown this once. */
public record NewApiKey(ApiKey key, String secret) {}
