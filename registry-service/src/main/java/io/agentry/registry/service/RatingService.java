package io.agentry.registry.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentry.registry.Caller;
import io.agentry.registry.Page;
import io.agentry.registry.Rating;
import io.agentry.registry.Review;
import io.agentry.registry.problem.ForbiddenException;
import io.agentry.registry.problem.NotFoundException;
import io.agentry.registry.problem.ProblemType;
import io.agentry.registry.repository.AgentRepository;
import io.agentry.registry.repository.RatingRepository;
import io.agentry.registry.repository.RatingRepository.RatingSummary;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Ratings: one score from 1 to 5 per user per agent, with an optional plain-text review; owners
 * cannot rate their own agents, and only users who ran the agent (any version of the same owner and
 * name) to an end (SUCCEEDED, FAILED or TIMED_OUT) may rate it, so accounts made in bulk cannot
 * move a rating without running the agent (each run counts against its account's task quota).
 */
@ApplicationScoped
public class RatingService {

  private static final Set<String> FIELDS = Set.of("score", "review");

  private final Pool pool;
  private final RatingRepository ratings;
  private final AgentRepository agents;

  public RatingService(Pool pool, RatingRepository ratings, AgentRepository agents) {
    this.pool = pool;
    this.ratings = ratings;
    this.agents = agents;
  }

  /**
   * The score and review of a {@code PUT /agents/{id}/rating} body. A review is plain text: line
   * breaks and tabs are kept, other control characters are refused; one that is blank counts as
   * none. Pages show it as text, never as markup.
   */
  public static Rating rating(JsonNode body) {
    JsonFields fields = JsonFields.of(body, ProblemType.INVALID_REQUEST);
    fields.rejectOthers(FIELDS, "is not a rating field (only score, review)");
    Long score = fields.integer("score", true);
    if (score != null && (score < 1 || score > 5)) {
      fields.error("score", "must be an integer from 1 to 5");
    }
    String review = fields.has("review") ? fields.text("review", false) : null;
    if (review != null) {
      review = review.strip();
      int length = review.codePointCount(0, review.length());
      if (length > Rating.MAX_REVIEW_CHARS) {
        fields.error(
            "review",
            "must be at most " + Rating.MAX_REVIEW_CHARS + " characters (it has " + length + ")");
      } else if (!AgentRules.isStorableText(review)
          || review.codePoints().anyMatch(RatingService::isRefusedControl)) {
        fields.error(
            "review",
            "must be plain text: no control characters but line breaks and tabs, no unpaired"
                + " surrogates");
      }
      if (review.isEmpty()) {
        review = null;
      }
    }
    fields.check();
    return new Rating(score.intValue(), review);
  }

  private static boolean isRefusedControl(int c) {
    return Character.getType(c) == Character.CONTROL && c != '\n' && c != '\r' && c != '\t';
  }

  /** One page of the agent's reviews, newest first; 404 for an unknown agent. */
  public Uni<Page<Review>> reviews(UUID agentId, String limit, String cursor) {
    int size = AgentQuery.limitOnly(limit);
    ReviewCursor after = ReviewCursor.decode(cursor);
    return agents
        .findById(agentId)
        .chain(
            agent -> {
              if (agent.isEmpty()) {
                throw NotFoundException.agent(agentId);
              }
              return ratings.reviews(
                  agentId,
                  after == null ? null : after.ratedAt(),
                  after == null ? null : after.userId(),
                  size + 1);
            })
        .map(
            rows -> {
              if (rows.size() <= size) {
                return new Page<>(rows, null);
              }
              List<Review> page = rows.subList(0, size);
              return new Page<>(page, ReviewCursor.after(page.get(size - 1)).encode());
            });
  }

  public Uni<RatingSummary> rate(Caller caller, UUID agentId, Rating rating) {
    return pool.withTransaction(
        tx ->
            ratings
                .lockAgent(tx, agentId)
                .chain(
                    owner -> {
                      if (owner.isEmpty()) {
                        throw NotFoundException.agent(agentId);
                      }
                      if (owner.get().equals(caller.id())) {
                        throw new ForbiddenException("You cannot rate your own agent.");
                      }
                      return ratings
                          .lastRun(tx, agentId, caller.id())
                          .chain(
                              run -> {
                                if (run.isEmpty()) {
                                  throw new ForbiddenException(
                                      ProblemType.RATING_REQUIRES_RUN,
                                      "Only users who ran an agent may rate it: you have no task"
                                          + " of this agent (any version) that ran to an end"
                                          + " (SUCCEEDED, FAILED or TIMED_OUT). Run it, then"
                                          + " rate it.");
                                }
                                return ratings.upsert(
                                    tx, agentId, caller.id(), rating, run.get().version());
                              });
                    }));
  }
}
