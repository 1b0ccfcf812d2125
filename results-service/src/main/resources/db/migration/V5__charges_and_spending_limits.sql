-- A task's charge, fixed at submission and copied onto its events (null for tasks without one,
-- e.g. recorded before charges existed: they are free). A task is charged its price exactly when
-- its status is SUCCEEDED; the status of a task only moves forward and one row holds it, so a
-- redelivered or duplicate event can never charge it twice.
ALTER TABLE tasks
    ADD COLUMN price     numeric(10, 2),
    ADD COLUMN author_id uuid;

-- GET /earnings: an author's charged tasks by time.
CREATE INDEX tasks_author_charged_idx
    ON tasks (author_id, submitted_at) INCLUDE (agent_id, price)
    WHERE status = 'SUCCEEDED' AND author_id IS NOT NULL;

-- PUT /users/me/limits: a user's monthly caps (null: no cap). No row: no caps.
CREATE TABLE spending_limits (
    user_id       uuid          PRIMARY KEY,
    monthly_spend numeric(10, 2),
    monthly_tasks integer,
    updated_at    timestamptz   NOT NULL DEFAULT now()
);
