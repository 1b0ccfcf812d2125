package io.agentry.registry.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.UUID;

/** Ratings and the agent's running sum and count, kept in step within one transaction. */
@ApplicationScoped
public class RatingRepository {

  /**
   * Locks the agent row for the rest of the transaction (so concurrent ratings of one agent apply
   * one after the other) and returns its owner, if the agent exists.
   */
  public Uni<Optional<UUID>> lockAgent(SqlClient tx, UUID agentId) {
    return tx.preparedQuery("SELECT owner_id FROM agents WHERE id = $1 FOR UPDATE")
        .execute(Tuple.of(agentId))
        .map(rows -> Rows.first(rows, row -> row.getUUID("owner_id")));
  }

  /**
   * True when the user has run the agent (any version of its owner's agent of that name) to an end,
   * as recorded from {@code task-events}.
   */
  public Uni<Boolean> hasRun(SqlClient tx, UUID agentId, UUID userId) {
    return tx.preparedQuery(
            "SELECT EXISTS (SELECT 1 FROM agents a JOIN agent_runners r"
                + " ON r.owner_id = a.owner_id AND r.agent_name = a.name"
                + " WHERE a.id = $1 AND r.user_id = $2) AS ran")
        .execute(Tuple.of(agentId, userId))
        .map(rows -> rows.iterator().next().getBoolean("ran"));
  }

  /**
   * Inserts or replaces the user's score and moves the agent's sum and count by the difference;
   * call after {@link #lockAgent}.
   */
  public Uni<RatingSummary> upsert(SqlClient tx, UUID agentId, UUID userId, int score) {
    return tx.preparedQuery(
            "WITH old AS (SELECT score FROM agent_ratings WHERE agent_id = $1 AND user_id = $2),"
                + " saved AS (INSERT INTO agent_ratings (agent_id, user_id, score)"
                + " VALUES ($1, $2, $3) ON CONFLICT (agent_id, user_id)"
                + " DO UPDATE SET score = excluded.score, rated_at = now())"
                + " UPDATE agents SET"
                + " rating_sum = rating_sum + $3 - coalesce((SELECT score FROM old), 0),"
                + " rating_count = rating_count + CASE WHEN EXISTS (SELECT 1 FROM old)"
                + " THEN 0 ELSE 1 END"
                + " WHERE id = $1 RETURNING rating, rating_count")
        .execute(Tuple.of(agentId, userId, (short) score))
        .map(
            rows -> {
              var row = rows.iterator().next();
              return new RatingSummary(row.getBigDecimal("rating"), row.getInteger("rating_count"));
            });
  }

  /** An agent's mean score (to 2 decimals) and how many users rated it. */
  public record RatingSummary(BigDecimal rating, int ratingCount) {}
}
