package io.agentry.gateway.problem;

/** One invalid field of a request: its name (a JSON path such as {@code args[2]}) and why. */
public record FieldError(String field, String message) {}
