package io.agentry.registry.repository;

import io.agentry.registry.AgentPermissions;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/** Which version of an agent (its owner's agents of that name) holds a given binary. */
@ApplicationScoped
public class BinaryVersionRepository {

  private final Pool pool;

  public BinaryVersionRepository(Pool pool) {
    this.pool = pool;
  }

  /**
   * The version of {@code ownerId}'s agent {@code name} whose binary is {@code binaryHash},
   * preferring {@code agentId} itself; null when no version holds that binary.
   */
  public Uni<BinaryVersion> find(UUID ownerId, String name, String binaryHash, UUID agentId) {
    return pool.preparedQuery(
            "SELECT id, status, http_origins FROM agents WHERE owner_id = $1 AND name = $2 AND binary_hash = $3"
                + " ORDER BY (id = $4) DESC, created_at DESC LIMIT 1")
        .execute(Tuple.of(ownerId, name, binaryHash, agentId))
        .map(
            rows -> {
              var found = rows.iterator();
              if (!found.hasNext()) {
                return null;
              }
              Row row = found.next();
              String[] origins = row.getArrayOfStrings("http_origins");
              return new BinaryVersion(
                  row.getUUID("id"),
                  row.getString("status"),
                  new AgentPermissions(origins == null ? List.of() : List.of(origins)));
            });
  }

  /**
   * A version of an agent.
   *
   * @param id the version's agent id
   * @param status {@code active}, {@code deprecated} or {@code disabled}
   * @param permissions what that version may do: a run of its binary gets these
   */
  public record BinaryVersion(UUID id, String status, AgentPermissions permissions) {}
}
