package io.agentry.registry;

import java.util.Optional;

/**
 * The orders agent pages come in; each pages by a keyset of its sort value and the id. All but
 * {@link #RELEVANCE} are {@code sort} values of {@code GET /agents}.
 */
public enum AgentSort {
  /** Newest first (the default). */
  CREATED_AT("createdAt"),
  /** Best rated first. */
  RATING("rating"),
  /** Most used first. */
  TASKS_COMPLETED("tasksCompleted"),
  /** By name, A to Z. */
  NAME("name"),
  /** Most relevant first: search with a query. */
  RELEVANCE("relevance"),
  /** Newest semver first: an agent's versions, or {@code GET /agents?name=...&sort=version}. */
  VERSION("version");

  private final String wireName;

  AgentSort(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  /** One of the sorts a client may ask for by name. */
  public static Optional<AgentSort> listSort(String text) {
    for (AgentSort sort : new AgentSort[] {CREATED_AT, RATING, TASKS_COMPLETED, NAME, VERSION}) {
      if (sort.wireName.equals(text)) {
        return Optional.of(sort);
      }
    }
    return Optional.empty();
  }
}
