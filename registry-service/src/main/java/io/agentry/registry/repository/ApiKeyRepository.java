package io.agentry.registry.repository;

import io.agentry.registry.ApiKey;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
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

  /** Inserts a key; {@code expiresAt} null means it never expires. */
  public Uni<ApiKey> insert(
      SqlClient client, UUID userId, String keyHash, String prefix, Instant expiresAt) {
    return client
        .preparedQuery(
            "INSERT INTO api_keys (user_id, key_hash, prefix, expires_at) VALUES ($1, $2, $3, $4)"
                + " RETURNING id, prefix, created_at, expires_at")
        .execute(Tuple.of(userId, keyHash, prefix, Rows.offsetDateTime(expiresAt)))
        .map(rows -> toApiKey(rows.iterator().next()));
  }

  public Uni<ApiKey> insert(UUID userId, String keyHash, String prefix, Instant expiresAt) {
    return insert(pool, userId, keyHash, prefix, expiresAt);
  }

  /** The user's keys that still work (neither revoked nor expired), newest first. */
  public Uni<List<ApiKey>> listActive(UUID userId) {
    return pool.preparedQuery(
            "SELECT id, prefix, created_at, expires_at FROM api_keys WHERE user_id = $1"
                + " AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())"
                + " ORDER BY created_at DESC, id DESC")
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

  /** The key with that hash, neither revoked nor expired, and its user. */
  public Uni<Optional<StoredApiKey>> findActive(String keyHash) {
    return pool.preparedQuery(
            "SELECT k.id, k.user_id, u.username, k.key_hash, u.token_generation FROM api_keys k"
                + " JOIN users u ON u.id = k.user_id"
                + " WHERE k.key_hash = $1 AND k.revoked_at IS NULL"
                + " AND (k.expires_at IS NULL OR k.expires_at > now())")
        .execute(Tuple.of(keyHash))
        .map(
            rows ->
                Rows.first(
                    rows,
                    row ->
                        new StoredApiKey(
                            row.getUUID("id"),
                            row.getUUID("user_id"),
                            row.getString("username"),
                            row.getString("key_hash"),
                            row.getInteger("token_generation"))));
  }

  /**
   * The user's session generation and the state of {@code keyId} (null: no key asked about), or
   * empty when the user does not exist.
   */
  public Uni<Optional<CredentialState>> state(UUID userId, UUID keyId) {
    return pool.preparedQuery(
            "SELECT u.token_generation, k.id AS key_id, k.revoked_at, k.expires_at FROM users u"
                + " LEFT JOIN api_keys k ON k.id = $2 AND k.user_id = u.id WHERE u.id = $1")
        .execute(Tuple.of(userId, keyId))
        .map(
            rows ->
                Rows.first(
                    rows,
                    row ->
                        new CredentialState(
                            row.getInteger("token_generation"),
                            row.getUUID("key_id") != null,
                            Rows.instant(row, "revoked_at"),
                            Rows.instant(row, "expires_at"))));
  }

  private static ApiKey toApiKey(Row row) {
    return new ApiKey(
        row.getUUID("id"),
        row.getString("prefix"),
        Rows.instant(row, "created_at"),
        Rows.instant(row, "expires_at"));
  }
}
