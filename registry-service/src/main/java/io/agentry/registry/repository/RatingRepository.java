package io.agentry.registry.repository;

import io.agentry.registry.Rating;
import io.agentry.registry.Review;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Ratings and the agent's running sum and count, kept in step within one transaction. */
@ApplicationScoped
public class RatingRepository {

  private final Pool pool;

  public RatingRepository(Pool pool) {
    this.pool = pool;
  }

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
   * Whether the user has run the agent (any version of its owner's agent of that name) to an end,
   * as recorded from {@code task-events}: empty when not, else the version they ran last (null for
   * runs recorded before versions were).
   */
  public Uni<Optional<Run>> lastRun(SqlClient tx, UUID agentId, UUID userId) {
    return tx.preparedQuery(
            "SELECT r.last_version FROM agents a JOIN agent_runners r"
                + " ON r.owner_id = a.owner_id AND r.agent_name = a.name"
                + " WHERE a.id = $1 AND r.user_id = $2")
        .execute(Tuple.of(agentId, userId))
        .map(rows -> Rows.first(rows, row -> new Run(row.getString("last_version"))));
  }

  /**
   * Inserts or replaces the user's score and review and moves the agent's sum and counts by the
   * difference; call after {@link #lockAgent}.
   */
  public Uni<RatingSummary> upsert(
      SqlClient tx, UUID agentId, UUID userId, Rating rating, String usedVersion) {
    return tx.preparedQuery(
            "WITH old AS (SELECT score, review FROM agent_ratings"
                + " WHERE agent_id = $1 AND user_id = $2),"
                + " saved AS (INSERT INTO agent_ratings"
                + " (agent_id, user_id, score, review, used_version)"
                + " VALUES ($1, $2, $3, $4, $5) ON CONFLICT (agent_id, user_id)"
                + " DO UPDATE SET score = excluded.score, review = excluded.review,"
                + " used_version = excluded.used_version, rated_at = now())"
                + " UPDATE agents SET"
                + " rating_sum = rating_sum + $3 - coalesce((SELECT score FROM old), 0),"
                + " rating_count = rating_count + CASE WHEN EXISTS (SELECT 1 FROM old)"
                + " THEN 0 ELSE 1 END,"
                + " review_count = review_count + (CASE WHEN $4::text IS NULL THEN 0 ELSE 1 END)"
                + " - (SELECT count(*) FROM old WHERE review IS NOT NULL)"
                + " WHERE id = $1 RETURNING rating, rating_count, review_count")
        .execute(
            Tuple.from(
                new Object[] {
                  agentId, userId, (short) rating.score(), rating.review(), usedVersion
                }))
        .map(
            rows -> {
              var row = rows.iterator().next();
              return new RatingSummary(
                  row.getBigDecimal("rating"),
                  row.getInteger("rating_count"),
                  row.getInteger("review_count"));
            });
  }

  /**
   * One page of the agent's reviews (ratings that carry one), newest first, after the review of
   * {@code afterUser} rated at {@code afterAt} when given; asks for {@code size} rows.
   */
  public Uni<List<Review>> reviews(UUID agentId, OffsetDateTime afterAt, UUID afterUser, int size) {
    String keyset =
        afterAt == null ? "" : " AND (r.rated_at, r.user_id) < ($3::timestamptz, $4::uuid)";
    Tuple params = Tuple.of(agentId, size);
    if (afterAt != null) {
      params.addValue(afterAt).addValue(afterUser);
    }
    return pool.preparedQuery(
            "SELECT r.user_id, u.username, r.score, r.review, r.used_version, r.rated_at"
                + " FROM agent_ratings r JOIN users u ON u.id = r.user_id"
                + " WHERE r.agent_id = $1 AND r.review IS NOT NULL"
                + keyset
                + " ORDER BY r.rated_at DESC, r.user_id DESC LIMIT $2")
        .execute(params)
        .map(
            rows -> {
              List<Review> reviews = new ArrayList<>();
              for (Row row : rows) {
                reviews.add(
                    new Review(
                        row.getUUID("user_id"),
                        row.getString("username"),
                        row.getInteger("score"),
                        row.getString("review"),
                        row.getString("used_version"),
                        Rows.instant(row, "rated_at")));
              }
              return reviews;
            });
  }

  /** A user's run of an agent: the version they ran last, null when not recorded. */
  public record Run(String version) {}

  /** An agent's mean score (to 2 decimals), how many users rated it and how many wrote a review. */
  public record RatingSummary(BigDecimal rating, int ratingCount, int reviewCount) {}
}
