package io.agentry.registry.repository;

import io.agentry.registry.User;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;

/** Users in PostgreSQL, through the reactive client. */
@ApplicationScoped
public class UserRepository {

  private static final String[] USERNAME_CONSTRAINTS = {
    "users_username_key", "users_username_lower_key"
  };

  private final Pool pool;

  public UserRepository(Pool pool) {
    this.pool = pool;
  }

  /** Inserts a user with an already hashed password and returns it. */
  public Uni<User> insert(String username, String passwordHash) {
    return insert(pool, username, passwordHash);
  }

  /** Inserts a user through {@code client} (e.g. inside a transaction) and returns it. */
  public Uni<User> insert(SqlClient client, String username, String passwordHash) {
    return client
        .preparedQuery(
            "INSERT INTO users (username, password_hash) VALUES ($1, $2)"
                + " RETURNING id, username, created_at")
        .execute(Tuple.of(username, passwordHash))
        .map(rows -> toUser(rows.iterator().next()));
  }

  public Uni<Optional<User>> findById(UUID id) {
    return pool.preparedQuery("SELECT id, username, created_at FROM users WHERE id = $1")
        .execute(Tuple.of(id))
        .map(rows -> Rows.first(rows, UserRepository::toUser));
  }

  public Uni<Optional<StoredCredentials>> findCredentials(String username) {
    return pool.preparedQuery(
            "SELECT id, username, created_at, password_hash, token_generation FROM users"
                + " WHERE username = $1")
        .execute(Tuple.of(username))
        .map(
            rows ->
                Rows.first(
                    rows,
                    row ->
                        new StoredCredentials(
                            toUser(row),
                            row.getString("password_hash"),
                            row.getInteger("token_generation"))));
  }

  /**
   * Raises the user's session generation, so that every token issued before is refused; answers the
   * new generation.
   */
  public Uni<Integer> raiseTokenGeneration(UUID id) {
    return pool.preparedQuery(
            "UPDATE users SET token_generation = token_generation + 1 WHERE id = $1"
                + " RETURNING token_generation")
        .execute(Tuple.of(id))
        .map(rows -> rows.iterator().next().getInteger("token_generation"));
  }

  /** True when {@code failure} says the username (in any letter case) is taken. */
  public static boolean isUsernameTaken(Throwable failure) {
    for (String constraint : USERNAME_CONSTRAINTS) {
      if (Rows.isUniqueViolation(failure, constraint)) {
        return true;
      }
    }
    return false;
  }

  private static User toUser(Row row) {
    return new User(row.getUUID("id"), row.getString("username"), Rows.instant(row, "created_at"));
  }
}
