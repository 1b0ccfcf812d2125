package io.agentry.registry.service;

import io.agentry.registry.User;

/** A new user and their first API key, shown only in the register response. */
public record Registration(User user, String apiKey) {}
