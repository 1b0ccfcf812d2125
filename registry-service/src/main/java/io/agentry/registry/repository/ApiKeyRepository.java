package io.agentry.registry.repository;

import io.agentry.registry.ApiKey;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** API keys, stored only as SHA-256 hashes. */
@ApplicationScoped
public class ApiKeyRepository {

  private final Pool pool;

  public ApiKeyRepository(Pool pool) {
    this.pool = pool;
  }

  public Uni<ApiKey> insert(SqlClient client, UUID userId, String keyHash, String prefix) {
    return client
        .preparedQuery(
            "INSERT INTO api_keys (user_id, key_hash, prefix) VALUES ($1, $2, $3)"
                + " RETURNING id, prefix, created_at")
        .execute(Tuple.of(userId, keyHash, prefix))
        .map(rows -> toApiKey(rows.iterator().next()));
  }

  public Uni<ApiKey> insert(UUID userId, String keyHash, String prefix) {
    return insert(pool, userId, keyHash, prefix);
  }

  /** The user's keys that still work, newest first. */
  public Uni<List<ApiKey>> listActive(UUID userId) {
    return pool.preparedQuery(
            "SELECT id, prefix, created_at FROM api_keys"
                + " WHERE user_id = $1 AND revoked_at IS NULL ORDER BY created_at DESC, id DESC")
        .execute(Tuple.of(userId))
        .map(
            rows -> {
              List<ApiKey> keys = new ArrayList<>();
              rows.forEach(row -> keys.add(toApiKey(row)));
              return keys;
            });
  }

  /** Revokes one of the user's keys; false when the user has no key with that id. */
  public Uni<Boolean> revoke(UUID userId, UUID keyId) {
    return pool.preparedQuery(
            "UPDATE api_keys SET revoked_at = coalesce(revoked_at, now())"
                + " WHERE id = $1 AND user_id = $2")
        .execute(Tuple.of(keyId, userId))
        .map(rows -> rows.rowCount() == 1);
  }

  /** The unrevoked key with that hash and its user. */
  public Uni<Optional<StoredApiKey>> findActive(String keyHash) {
    return pool.preparedQuery(
            "SELECT k.user_id, u.username, k.key_hash FROM api_keys k"
                + " JOIN users u ON u.id = k.user_id"
                + " WHERE k.key_hash = $1 AND k.revoked_at IS NULL")
        .execute(Tuple.of(keyHash))
        .map(
            rows ->
                Rows.first(
                    rows,
                    row ->
                        new StoredApiKey(
                            row.getUUID("user_id"),
                            row.getString("username"),
                            row.getString("key_hash"))));
  }

  private static ApiKey toApiKey(Row row) {
    return new ApiKey(row.getUUID("id"), row.getString("prefix"), Rows.instant(row, "created_at"));
  }
}
