-- One row per (user, Idempotency-Key): the task the first request created. A row is
-- "acknowledged" once Kafka took the task; until then a duplicate request waits for it.
CREATE TABLE idempotency_keys (
    user_id         uuid        NOT NULL,
    idempotency_key text        NOT NULL,
    task_id         uuid        NOT NULL,
    agent_id        uuid        NOT NULL,
    submitted_at    timestamptz NOT NULL,
    acknowledged    boolean     NOT NULL DEFAULT false,
    created_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, idempotency_key)
);

CREATE INDEX idempotency_keys_created_at ON idempotency_keys (created_at);
