package io.agentry.registry.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentry.registry.Caller;
import io.agentry.registry.problem.ForbiddenException;
import io.agentry.registry.problem.NotFoundException;
import io.agentry.registry.problem.ProblemType;
import io.agentry.registry.repository.RatingRepository;
import io.agentry.registry.repository.RatingRepository.RatingSummary;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * Ratings: one score from 1 to 5 per user per agent; owners cannot rate their own agents, and only
 * users who ran the agent (any version of the same owner and name) to an end (SUCCEEDED, FAILED or
 * TIMED_OUT) may rate it, so accounts made in bulk cannot move a rating without running the agent
 * (each run counts against its account's task quota).
 */
@ApplicationScoped
public class RatingService {

  private final Pool pool;
  private final RatingRepository ratings;

  public RatingService(Pool pool, RatingRepository ratings) {
    this.pool = pool;
    this.ratings = ratings;
  }

  /** The score of a {@code PUT /agents/{id}/rating} body. */
  public static int score(JsonNode body) {
    JsonFields fields = JsonFields.of(body, ProblemType.INVALID_REQUEST);
    Long score = fields.integer("score", true);
    if (score != null && (score < 1 || score > 5)) {
      fields.error("score", "must be an integer from 1 to 5");
    }
    fields.check();
    return score.intValue();
  }

  public Uni<RatingSummary> rate(Caller caller, UUID agentId, int score) {
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
                          .hasRun(tx, agentId, caller.id())
                          .chain(
                              ran -> {
                                if (!ran) {
                                  throw new ForbiddenException(
                                      ProblemType.RATING_REQUIRES_RUN,
                                      "Only users who ran an agent may rate it: you have no task"
                                          + " of this agent (any version) that ran to an end"
                                          + " (SUCCEEDED, FAILED or TIMED_OUT). Run it, then"
                                          + " rate it.");
                                }
                                return ratings.upsert(tx, agentId, caller.id(), score);
                              });
                    }));
  }
}
