package io.agentry.sandbox;

/** An uploaded binary that is a runnable WASI command module: its SHA-256 (hex) and size. */
public record InspectedBinary(String sha256, long size) {}
