-- The fingerprint (SHA-256) of the request that claimed a key, so that a request with the same key
-- and another body is refused (409) instead of being answered, or re-queued, with the first task.
-- Rows from before this column have none and are honoured as before.
ALTER TABLE idempotency_keys ADD COLUMN request_hash bytea;

-- Per-user task quotas: one row per task a user submitted (a reservation) or that ended. A task
-- counts while ended_at is null and it was acknowledged by Kafka (queued) or reserved moments ago
-- (its submission is still waiting for the ack). A terminal event sets ended_at, and writes the
-- row itself when it comes first, so that a task that ended is never counted afterwards.
CREATE TABLE task_reservations (
    task_id      uuid        PRIMARY KEY,
    user_id      uuid        NOT NULL,
    memory_mb_ms bigint      NOT NULL,
    reserved_at  timestamptz NOT NULL DEFAULT now(),
    queued       boolean     NOT NULL DEFAULT false,
    ended_at     timestamptz
);

-- The quota check: a user's open reservations.
CREATE INDEX task_reservations_open_idx ON task_reservations (user_id) WHERE ended_at IS NULL;
-- The hourly purge of old rows.
CREATE INDEX task_reservations_reserved_idx ON task_reservations (reserved_at);
