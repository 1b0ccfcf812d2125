package io.agentry.results.problem;

/** One invalid query parameter: its name and why it was refused. */
public record FieldError(String field, String message) {}
