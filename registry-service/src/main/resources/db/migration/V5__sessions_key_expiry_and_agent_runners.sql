-- Revoking all of a user's sessions raises their generation; every token carries the generation it
-- was issued under, and one issued under an older generation is refused.
ALTER TABLE users ADD COLUMN token_generation integer NOT NULL DEFAULT 0;

-- An API key may have an expiry; past it the key is refused like a revoked one.
ALTER TABLE api_keys ADD COLUMN expires_at timestamptz;

-- Who ran which agent (any version of an owner's agent name) to an end (SUCCEEDED, FAILED or
-- TIMED_OUT), recorded from task-events with the tasksCompleted count: only they may rate it.
CREATE TABLE agent_runners (
    user_id    uuid NOT NULL,
    owner_id   uuid NOT NULL,
    agent_name text NOT NULL,
    PRIMARY KEY (owner_id, agent_name, user_id)
);
