-- array_to_string is only STABLE; a generated column needs an IMMUTABLE expression. Joining text
-- with a space does not depend on any setting, so this wrapper is safely immutable.
CREATE FUNCTION agentry_join_words(words text[]) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT array_to_string(words, ' ') $$;

-- One row per published version of an agent.
CREATE TABLE agents (
    id              uuid          PRIMARY KEY,
    owner_id        uuid          NOT NULL REFERENCES users (id),
    name            text          COLLATE "C" NOT NULL,
    description     text          NOT NULL,
    version         text          NOT NULL,
    -- Semver precedence as a byte-ordered string (see Semver.sortKey): ORDER BY version_key DESC
    -- lists the newest first, pre-releases below their release.
    version_key     text          COLLATE "C" NOT NULL,
    capabilities    text[]        NOT NULL DEFAULT '{}',
    status          text          NOT NULL DEFAULT 'active'
                                  CHECK (status IN ('active', 'deprecated', 'disabled')),
    price           numeric(10,2) NOT NULL DEFAULT 0 CHECK (price >= 0),
    binary_url      text          NOT NULL,
    binary_hash     char(64)      NOT NULL,
    binary_size     bigint        NOT NULL CHECK (binary_size > 0),
    tasks_completed bigint        NOT NULL DEFAULT 0,
    rating_sum      bigint        NOT NULL DEFAULT 0,
    rating_count    integer       NOT NULL DEFAULT 0,
    rating          numeric(3,2)  GENERATED ALWAYS AS (
                        CASE WHEN rating_count = 0 THEN 0
                             ELSE round(rating_sum::numeric / rating_count, 2) END) STORED,
    created_at      timestamptz   NOT NULL DEFAULT now(),
    updated_at      timestamptz   NOT NULL DEFAULT now(),
    -- Full-text search: the name weighs most, then capabilities, then the description.
    search          tsvector      GENERATED ALWAYS AS (
                        setweight(to_tsvector('english', name), 'A')
                        || setweight(to_tsvector('english', agentry_join_words(capabilities)), 'B')
                        || setweight(to_tsvector('english', description), 'C')) STORED,
    -- A version is unique per owner and name by semver precedence (1.0.0+a equals 1.0.0+b).
    -- Also serves GET /agents/{id}/versions: (owner_id, name) ORDER BY version_key DESC.
    CONSTRAINT agents_owner_name_version_key UNIQUE (owner_id, name, version_key)
);

-- GET /agents/search?q=: the text match.
CREATE INDEX agents_search_idx ON agents USING gin (search);
-- capability=... (all of them): capabilities @> array[...].
CREATE INDEX agents_capabilities_idx ON agents USING gin (capabilities);
-- sort=createdAt (the default), keyset (created_at, id).
CREATE INDEX agents_created_idx ON agents (created_at DESC, id DESC);
-- sort=rating, keyset (rating, id).
CREATE INDEX agents_rating_idx ON agents (rating DESC, id DESC);
-- sort=tasksCompleted, keyset (tasks_completed, id).
CREATE INDEX agents_tasks_idx ON agents (tasks_completed DESC, id DESC);
-- sort=name, keyset (name, id).
CREATE INDEX agents_name_idx ON agents (name, id);
-- owner=...: an owner's agents, newest first.
CREATE INDEX agents_owner_idx ON agents (owner_id, created_at DESC, id DESC);
-- status=...: agents of one status, newest first.
CREATE INDEX agents_status_idx ON agents (status, created_at DESC, id DESC);
-- Orphan check before a binary is removed: is the hash still referenced?
CREATE INDEX agents_binary_hash_idx ON agents (binary_hash);

-- One rating per user per agent; a second rating replaces the first.
CREATE TABLE agent_ratings (
    agent_id   uuid        NOT NULL REFERENCES agents (id),
    user_id    uuid        NOT NULL REFERENCES users (id),
    score      smallint    NOT NULL CHECK (score BETWEEN 1 AND 5),
    rated_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (agent_id, user_id)
);

-- Terminal task events already counted in agents.tasks_completed (exactly once per task).
CREATE TABLE processed_task_events (
    task_id      uuid        PRIMARY KEY,
    agent_id     uuid        NOT NULL,
    processed_at timestamptz NOT NULL DEFAULT now()
);
