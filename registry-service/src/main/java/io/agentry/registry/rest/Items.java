package io.agentry.registry.rest;

import java.util.List;

/** A complete (unpaged) list. */
public record Items<T>(List<T> items) {}
