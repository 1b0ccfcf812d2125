package io.agentry.registry.repository;

import io.agentry.registry.security.SecretCipher.Sealed;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Sealed agent secrets, by owner, agent name and secret name. Never holds a value in clear. */
@ApplicationScoped
public class SecretRepository {

  private final Pool pool;

  public SecretRepository(Pool pool) {
    this.pool = pool;
  }

  /**
   * Sets a secret unless the agent already has {@code max} others; the count and the write are one
   * transaction, serialized per owner and agent name.
   *
   * @return its update time, or null when the agent already has {@code max} other secrets
   */
  public Uni<Instant> put(UUID owner, String agentName, String name, Sealed sealed, int max) {
    return pool.withTransaction(
        tx ->
            tx.preparedQuery("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))")
                .execute(Tuple.of("agent-secrets/" + owner + "/" + agentName))
                .chain(
                    () ->
                        tx.preparedQuery(
                                "INSERT INTO agent_secrets (owner_id, agent_name, name, key_id,"
                                    + " nonce, ciphertext) SELECT $1::uuid, $2::text, $3::text, $4::text,"
                                    + " $5::bytea, $6::bytea WHERE"
                                    + " (SELECT count(*) FROM agent_secrets WHERE owner_id = $1"
                                    + " AND agent_name = $2 AND name <> $3) < $7::bigint"
                                    + " ON CONFLICT (owner_id, agent_name, name) DO UPDATE SET"
                                    + " key_id = excluded.key_id, nonce = excluded.nonce,"
                                    + " ciphertext = excluded.ciphertext, updated_at = now()"
                                    + " RETURNING updated_at")
                            .execute(
                                Tuple.from(
                                    new Object[] {
                                      owner,
                                      agentName,
                                      name,
                                      sealed.keyId(),
                                      Buffer.buffer(sealed.nonce()),
                                      Buffer.buffer(sealed.ciphertext()),
                                      (long) max
                                    })))
                .map(
                    rows -> Rows.first(rows, row -> Rows.instant(row, "updated_at")).orElse(null)));
  }

  /** The names and update times of the agent's secrets, by name. */
  public Uni<List<SecretName>> names(UUID owner, String agentName) {
    return pool.preparedQuery(
            "SELECT name, updated_at FROM agent_secrets WHERE owner_id = $1 AND agent_name = $2"
                + " ORDER BY name")
        .execute(Tuple.of(owner, agentName))
        .map(
            rows -> {
              List<SecretName> names = new ArrayList<>();
              for (Row row : rows) {
                names.add(new SecretName(row.getString("name"), Rows.instant(row, "updated_at")));
              }
              return names;
            });
  }

  /** Removes a secret; false when there was none of that name. */
  public Uni<Boolean> delete(UUID owner, String agentName, String name) {
    return pool.preparedQuery(
            "DELETE FROM agent_secrets WHERE owner_id = $1 AND agent_name = $2 AND name = $3")
        .execute(Tuple.of(owner, agentName, name))
        .map(rows -> rows.rowCount() > 0);
  }

  /** Every sealed secret of the agent, by name. */
  public Uni<List<SealedSecret>> sealed(UUID owner, String agentName) {
    return pool.preparedQuery(
            "SELECT name, key_id, nonce, ciphertext FROM agent_secrets WHERE owner_id = $1"
                + " AND agent_name = $2 ORDER BY name")
        .execute(Tuple.of(owner, agentName))
        .map(
            rows -> {
              List<SealedSecret> sealed = new ArrayList<>();
              for (Row row : rows) {
                sealed.add(
                    new SealedSecret(
                        row.getString("name"),
                        new Sealed(
                            row.getString("key_id"),
                            row.getBuffer("nonce").getBytes(),
                            row.getBuffer("ciphertext").getBytes())));
              }
              return sealed;
            });
  }

  /** A secret as it is stored. */
  public record SealedSecret(String name, Sealed sealed) {}

  /** A secret's name and when its value was last set. */
  public record SecretName(String name, Instant updatedAt) {}
}
