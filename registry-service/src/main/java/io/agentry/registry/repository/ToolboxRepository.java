package io.agentry.registry.repository;

import io.agentry.registry.Agent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Toolbox rows: which agent versions a user has added, and when. */
@ApplicationScoped
public class ToolboxRepository {

  private final Pool pool;

  public ToolboxRepository(Pool pool) {
    this.pool = pool;
  }

  /** An agent in a toolbox and when it was added. */
  public record Row(Agent agent, Instant addedAt) {}

  /** The user's toolbox, oldest entry first (ties by agent id). */
  public Uni<List<Row>> list(UUID userId) {
    return pool.preparedQuery(
            "SELECT "
                + AgentRows.COLUMNS
                + ", added_at FROM toolbox_entries JOIN agents ON agents.id = agent_id"
                + " WHERE user_id = $1 ORDER BY added_at, agent_id")
        .execute(Tuple.of(userId))
        .map(
            rows -> {
              List<Row> entries = new ArrayList<>();
              rows.forEach(
                  row ->
                      entries.add(new Row(AgentRows.toAgent(row), Rows.instant(row, "added_at"))));
              return entries;
            });
  }

  /**
   * Locks the user's row until the transaction ends, so that one user's toolbox changes one at a
   * time (the size limit holds under concurrent additions).
   */
  public Uni<Void> lockUser(SqlClient tx, UUID userId) {
    return tx.preparedQuery("SELECT id FROM users WHERE id = $1 FOR UPDATE")
        .execute(Tuple.of(userId))
        .replaceWithVoid();
  }

  /** The agent's status, if the agent exists. */
  public Uni<Optional<String>> agentStatus(SqlClient tx, UUID agentId) {
    return tx.preparedQuery("SELECT status FROM agents WHERE id = $1")
        .execute(Tuple.of(agentId))
        .map(rows -> Rows.first(rows, row -> row.getString("status")));
  }

  /** Adds the agent; false when it was in the toolbox already. */
  public Uni<Boolean> insert(SqlClient tx, UUID userId, UUID agentId) {
    return tx.preparedQuery(
            "INSERT INTO toolbox_entries (user_id, agent_id) VALUES ($1, $2) ON CONFLICT DO NOTHING")
        .execute(Tuple.of(userId, agentId))
        .map(rows -> rows.rowCount() == 1);
  }

  public Uni<Integer> count(SqlClient tx, UUID userId) {
    return tx.preparedQuery("SELECT count(*) AS n FROM toolbox_entries WHERE user_id = $1")
        .execute(Tuple.of(userId))
        .map(rows -> rows.iterator().next().getInteger("n"));
  }

  /** Removes the agent; false when it was not in the toolbox. */
  public Uni<Boolean> delete(UUID userId, UUID agentId) {
    return pool.preparedQuery("DELETE FROM toolbox_entries WHERE user_id = $1 AND agent_id = $2")
        .execute(Tuple.of(userId, agentId))
        .map(rows -> rows.rowCount() == 1);
  }
}
