package io.agentry.registry.repository;

import io.agentry.registry.Agent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.UUID;

/** Agent rows: insert, read one, and the locks that keep binaries and rows consistent. */
@ApplicationScoped
public class AgentRepository {

  private static final String VERSION_CONSTRAINT = "agents_owner_name_version_key";

  private final Pool pool;

  public AgentRepository(Pool pool) {
    this.pool = pool;
  }

  public Uni<Agent> insert(SqlClient client, NewAgent agent) {
    return client
        .preparedQuery(
            "INSERT INTO agents (id, owner_id, owner_name, name, description, version,"
                + " version_key, capabilities, http_origins, price, binary_url, binary_hash,"
                + " binary_size, input_schema) VALUES ($1, $2, (SELECT username FROM users WHERE"
                + " id = $2), $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING "
                + AgentRows.COLUMNS)
        .execute(
            Tuple.from(
                new Object[] {
                  agent.id(),
                  agent.ownerId(),
                  agent.name(),
                  agent.description(),
                  agent.version(),
                  agent.versionKey(),
                  agent.capabilities().toArray(String[]::new),
                  agent.httpOrigins().toArray(String[]::new),
                  agent.price(),
                  agent.binaryUrl(),
                  agent.binaryHash(),
                  agent.binarySize(),
                  agent.inputSchema()
                }))
        .map(rows -> AgentRows.toAgent(rows.iterator().next()));
  }

  public Uni<Optional<Agent>> findById(UUID id) {
    return pool.preparedQuery("SELECT " + AgentRows.COLUMNS + " FROM agents WHERE id = $1")
        .execute(Tuple.of(id))
        .map(rows -> Rows.first(rows, AgentRows::toAgent));
  }

  /**
   * Changes the given fields (null ones stay) and returns the agent, if it exists; a new status
   * replaces the status reason with {@code statusReason} (null clears it).
   */
  public Uni<Optional<Agent>> update(
      UUID id,
      String description,
      String[] capabilities,
      BigDecimal price,
      String status,
      String statusReason) {
    return pool.preparedQuery(
            "UPDATE agents SET description = coalesce($2, description),"
                + " capabilities = coalesce($3, capabilities), price = coalesce($4, price),"
                + " status_reason = CASE WHEN $5::text IS NULL THEN status_reason ELSE $6 END,"
                + " status = coalesce($5, status), updated_at = now() WHERE id = $1 RETURNING "
                + AgentRows.COLUMNS)
        .execute(
            Tuple.from(new Object[] {id, description, capabilities, price, status, statusReason}))
        .map(rows -> Rows.first(rows, AgentRows::toAgent));
  }

  /** Marks the agent disabled (what DELETE does); its rows and results stay. */
  public Uni<Void> disable(UUID id) {
    return pool.preparedQuery(
            "UPDATE agents SET status = 'disabled', updated_at = now()"
                + " WHERE id = $1 AND status <> 'disabled'")
        .execute(Tuple.of(id))
        .replaceWithVoid();
  }

  /**
   * Takes, until the transaction ends, a shared lock on a binary hash: held by an upload from
   * before it stores the binary until its row commits, so that no clean-up removes the binary in
   * between.
   */
  public Uni<Void> lockHashShared(SqlClient tx, String sha256) {
    return tx.preparedQuery("SELECT pg_advisory_xact_lock_shared($1)")
        .execute(Tuple.of(lockKey(sha256)))
        .replaceWithVoid();
  }

  /** Takes, until the transaction ends, the exclusive lock on a binary hash (for clean-up). */
  public Uni<Void> lockHashExclusive(SqlClient tx, String sha256) {
    return tx.preparedQuery("SELECT pg_advisory_xact_lock($1)")
        .execute(Tuple.of(lockKey(sha256)))
        .replaceWithVoid();
  }

  /** True when any agent row uses the binary with that hash. */
  public Uni<Boolean> isHashReferenced(SqlClient client, String sha256) {
    return client
        .preparedQuery("SELECT EXISTS (SELECT 1 FROM agents WHERE binary_hash = $1) AS used")
        .execute(Tuple.of(sha256))
        .map(rows -> rows.iterator().next().getBoolean("used"));
  }

  /** True when {@code failure} is the owner already having that name and version. */
  public static boolean isVersionConflict(Throwable failure) {
    return Rows.isUniqueViolation(failure, VERSION_CONSTRAINT);
  }

  /** The advisory lock id of a hash: its first 64 bits. */
  static long lockKey(String sha256) {
    return Long.parseUnsignedLong(sha256.substring(0, 16), 16);
  }
}
