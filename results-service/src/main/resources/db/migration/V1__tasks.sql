-- One row per task: its latest status, which only ever moves forward (rank: QUEUED 0,
-- RUNNING 1, terminal 2). user_id and agent_id are null only for a REJECTED record whose ids were
-- unreadable.
CREATE TABLE tasks (
    task_id      uuid        PRIMARY KEY,
    user_id      uuid,
    agent_id     uuid,
    status       text        NOT NULL,
    status_rank  smallint    NOT NULL,
    submitted_at timestamptz NOT NULL,
    started_at   timestamptz,
    finished_at  timestamptz,
    attempts     integer     NOT NULL DEFAULT 0,
    updated_at   timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX tasks_user_submitted_idx ON tasks (user_id, submitted_at DESC, task_id DESC);

-- The outcome of a task that ended: written once, by the first terminal event.
CREATE TABLE task_results (
    task_id          uuid        PRIMARY KEY REFERENCES tasks (task_id) ON DELETE CASCADE,
    agent_id         uuid,
    user_id          uuid,
    status           text        NOT NULL,
    exit_code        integer,
    stdout           bytea       NOT NULL,
    stderr           bytea       NOT NULL,
    stdout_truncated boolean     NOT NULL,
    stderr_truncated boolean     NOT NULL,
    duration_ms      bigint      NOT NULL,
    error            text,
    created_at       timestamptz NOT NULL
);

CREATE INDEX task_results_agent_created_idx ON task_results (agent_id, created_at DESC);
CREATE INDEX task_results_created_idx ON task_results (created_at);
