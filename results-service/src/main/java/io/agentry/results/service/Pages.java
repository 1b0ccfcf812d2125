package io.agentry.results.service;

import io.agentry.results.Page;
import java.util.List;
import java.util.function.Function;

/** Turns {@code limit + 1} rows into a page and the cursor after its last item. */
final class Pages {

  private Pages() {}

  static <T> Page<T> of(List<T> rows, int limit, Function<T, Cursor> cursorOf) {
    if (rows.size() <= limit) {
      return new Page<>(rows, null);
    }
    List<T> items = rows.subList(0, limit);
    return new Page<>(items, cursorOf.apply(items.get(limit - 1)).encode());
  }
}
