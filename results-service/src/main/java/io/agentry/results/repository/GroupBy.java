package io.agentry.results.repository;

import java.util.Locale;
import java.util.Optional;

/** How usage and earnings are grouped: by agent or by UTC day of submission. */
public enum GroupBy {
  AGENT("t.agent_id::text"),
  DAY("to_char(t.submitted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')");

  private final String keySql;

  GroupBy(String keySql) {
    this.keySql = keySql;
  }

  /** The SQL expression of a task's group, over {@code tasks t}. */
  String keySql() {
    return keySql;
  }

  /** The name clients use: {@code agent} or {@code day}. */
  public String parameter() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<GroupBy> of(String parameter) {
    for (GroupBy groupBy : values()) {
      if (groupBy.parameter().equalsIgnoreCase(parameter.trim())) {
        return Optional.of(groupBy);
      }
    }
    return Optional.empty();
  }
}
