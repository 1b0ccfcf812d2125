package io.agentry.registry.repository;

import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.pgclient.PgException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.function.Function;

/** Small helpers over reactive rows and PostgreSQL errors. */
final class Rows {

  private static final String UNIQUE_VIOLATION = "23505";

  private Rows() {}

  static <T> Optional<T> first(RowSet<Row> rows, Function<Row, T> mapper) {
    var iterator = rows.iterator();
    return iterator.hasNext() ? Optional.of(mapper.apply(iterator.next())) : Optional.empty();
  }

  static Instant instant(Row row, String column) {
    OffsetDateTime value = row.getOffsetDateTime(column);
    return value == null ? null : value.toInstant();
  }

  /** An instant as a {@code timestamptz} parameter (null stays null). */
  static OffsetDateTime offsetDateTime(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  /** True when {@code failure} is a unique violation of the named constraint or index. */
  static boolean isUniqueViolation(Throwable failure, String constraint) {
    return failure instanceof PgException pg
        && UNIQUE_VIOLATION.equals(pg.getSqlState())
        && constraint.equals(pg.getConstraint());
  }
}
