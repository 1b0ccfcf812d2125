-- Reviews: a rating may carry a plain-text review, and names the version of the agent its user last
-- ran (the version they used). Ratings made before V9 have neither.
ALTER TABLE agent_runners ADD COLUMN last_version text;
ALTER TABLE agent_ratings ADD COLUMN review text CHECK (char_length(review) <= 2000);
ALTER TABLE agent_ratings ADD COLUMN used_version text;
-- How many ratings of the agent carry a review, kept in step with agent_ratings in the rating's
-- transaction, like rating_sum and rating_count.
ALTER TABLE agents ADD COLUMN review_count integer NOT NULL DEFAULT 0;
-- GET /agents/{id}/reviews: an agent's reviews, newest first, keyset (rated_at, user_id).
CREATE INDEX agent_ratings_reviews_idx ON agent_ratings (agent_id, rated_at DESC, user_id DESC)
    WHERE review IS NOT NULL;

-- An owner may yank a version (it takes no new tasks and leaves search; tasks already queued still
-- run) or deprecate it (it still runs; pages and clients warn), with a reason shown to users.
ALTER TABLE agents DROP CONSTRAINT agents_status_check;
ALTER TABLE agents ADD CONSTRAINT agents_status_check
    CHECK (status IN ('active', 'deprecated', 'yanked', 'disabled'));
ALTER TABLE agents ADD COLUMN status_reason text;

-- Trust figures: each counted terminal event keeps its user, outcome, duration and time, and the
-- agent's figures over the last 30 days are rolled up from them by a periodic job
-- (service/TrustRollup) for agents marked trust_stale by the task-events consumer. Events counted
-- before V9 lack these and stay out of the figures.
ALTER TABLE processed_task_events ADD COLUMN user_id uuid;
ALTER TABLE processed_task_events ADD COLUMN succeeded boolean;
ALTER TABLE processed_task_events ADD COLUMN duration_ms bigint;
ALTER TABLE processed_task_events ADD COLUMN ended_at timestamptz;
CREATE INDEX processed_task_events_agent_idx ON processed_task_events (agent_id, ended_at)
    INCLUDE (user_id, succeeded, duration_ms) WHERE ended_at IS NOT NULL;

ALTER TABLE agents ADD COLUMN runs_30d integer NOT NULL DEFAULT 0;
ALTER TABLE agents ADD COLUMN users_30d integer NOT NULL DEFAULT 0;
ALTER TABLE agents ADD COLUMN success_rate numeric(5,4);
ALTER TABLE agents ADD COLUMN p50_duration_ms bigint;
ALTER TABLE agents ADD COLUMN trust_stale boolean NOT NULL DEFAULT false;
ALTER TABLE agents ADD COLUMN trust_at timestamptz;
-- The job's two questions: which agents had runs since their last rollup, and whose window slid.
CREATE INDEX agents_trust_stale_idx ON agents (id) WHERE trust_stale;
CREATE INDEX agents_trust_window_idx ON agents (trust_at) WHERE runs_30d > 0;
-- sort=popular, keyset (users_30d, id).
CREATE INDEX agents_users_30d_idx ON agents (users_30d DESC, id DESC);

-- The quality prior that orders search results of equal relevance (docs/contract.md), from 0 to 1:
--   0.5 x the rating, weighted by its count: (rating_sum + 3 x 5) / (rating_count + 5) / 5, so an
--         agent with few ratings sits near a neutral 3 stars;
--   0.3 x the success rate of the last 30 days, weighted by its runs the same way:
--         (success_rate x runs_30d + 0.5 x 5) / (runs_30d + 5);
--   0.2 x the users of the last 30 days on a log scale: ln(1 + users_30d) / ln(1001), at most 1.
ALTER TABLE agents ADD COLUMN quality real GENERATED ALWAYS AS ((
      0.5 * ((rating_sum + 15.0) / (rating_count + 5)) / 5
    + 0.3 * ((coalesce(success_rate, 0) * runs_30d + 2.5) / (runs_30d + 5))
    + 0.2 * least(1.0, ln(1 + users_30d) / ln(1001)))::real) STORED;
