package io.agentry.registry.problem;

/**
 * One invalid field of a request: its name (a JSON path such as {@code capabilities[2]}) and why.
 */
public record FieldError(String field, String message) {}
