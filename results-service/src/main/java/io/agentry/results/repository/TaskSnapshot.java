package io.agentry.results.repository;

import io.agentry.results.Task;

/** A task and, when it ended with one, the error of its result. */
public record TaskSnapshot(Task task, String error) {}
