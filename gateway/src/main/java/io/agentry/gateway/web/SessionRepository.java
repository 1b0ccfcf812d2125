package io.agentry.gateway.web;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

/** Browser sessions in the gateway's PostgreSQL database, shared by every gateway replica. */
@ApplicationScoped
public class SessionRepository {

  /** A session's row: the login token is sealed under a key only the cookie's id gives. */
  record StoredSession(UUID userId, String username, byte[] sealedToken, Instant expiresAt) {}

  private final Pool pool;

  public SessionRepository(Pool pool) {
    this.pool = pool;
  }

  Uni<Void> insert(byte[] idHash, StoredSession session) {
    return pool.preparedQuery(
            "INSERT INTO web_sessions (id_hash, user_id, username, sealed_token, expires_at)"
                + " VALUES ($1, $2, $3, $4, $5)")
        .execute(
            Tuple.of(
                Buffer.buffer(idHash),
                session.userId(),
                session.username(),
                Buffer.buffer(session.sealedToken()),
                OffsetDateTime.ofInstant(session.expiresAt(), ZoneOffset.UTC)))
        .replaceWithVoid();
  }

  /** The session stored under {@code idHash}, unless it has expired. */
  Uni<Optional<StoredSession>> find(byte[] idHash) {
    return pool.preparedQuery(
            "SELECT user_id, username, sealed_token, expires_at FROM web_sessions"
                + " WHERE id_hash = $1 AND expires_at > now()")
        .execute(Tuple.of(Buffer.buffer(idHash)))
        .map(
            rows ->
                rows.rowCount() == 0
                    ? Optional.empty()
                    : Optional.of(stored(rows.iterator().next())));
  }

  Uni<Void> delete(byte[] idHash) {
    return pool.preparedQuery("DELETE FROM web_sessions WHERE id_hash = $1")
        .execute(Tuple.of(Buffer.buffer(idHash)))
        .replaceWithVoid();
  }

  /** Deletes expired sessions; returns how many. */
  Uni<Integer> purgeExpired() {
    return pool.query("DELETE FROM web_sessions WHERE expires_at <= now()")
        .execute()
        .map(rows -> rows.rowCount());
  }

  private static StoredSession stored(Row row) {
    return new StoredSession(
        row.getUUID("user_id"),
        row.getString("username"),
        row.getBuffer("sealed_token").getBytes(),
        row.getOffsetDateTime("expires_at").toInstant());
  }
}
