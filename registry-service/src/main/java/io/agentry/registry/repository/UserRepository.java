package io.agentry.registry.repository;

import io.agentry.registry.User;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

/** Users in PostgreSQL, through the reactive client. */
@ApplicationScoped
public class UserRepository {

  private final Pool pool;

  public UserRepository(Pool pool) {
    this.pool = pool;
  }

  /** Inserts a user with an already hashed password and returns it. */
  public Uni<User> insert(String username, String passwordHash) {
    return pool.preparedQuery(
            "INSERT INTO users (username, password_hash) VALUES ($1, $2)"
                + " RETURNING id, username, created_at")
        .execute(Tuple.of(username, passwordHash))
        .map(rows -> toUser(rows.iterator().next()));
  }

  public Uni<Optional<User>> findById(UUID id) {
    return pool.preparedQuery("SELECT id, username, created_at FROM users WHERE id = $1")
        .execute(Tuple.of(id))
        .map(UserRepository::firstUser);
  }

  private static Optional<User> firstUser(RowSet<Row> rows) {
    var iterator = rows.iterator();
    return iterator.hasNext() ? Optional.of(toUser(iterator.next())) : Optional.empty();
  }

  private static User toUser(Row row) {
    return new User(
        row.getUUID("id"),
        row.getString("username"),
        row.getOffsetDateTime("created_at").withOffsetSameInstant(ZoneOffset.UTC).toInstant());
  }
}
