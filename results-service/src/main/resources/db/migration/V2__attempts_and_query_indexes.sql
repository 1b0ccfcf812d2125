-- Each distinct start of a task by an executor, keyed by (executor, time of its RUNNING event), so
-- that a redelivered RUNNING event is recorded once and a second executor's start counts again.
-- executor_id is '' when the event named no executor.
CREATE TABLE task_attempts (
    task_id     uuid        NOT NULL REFERENCES tasks (task_id) ON DELETE CASCADE,
    executor_id text        NOT NULL,
    started_at  timestamptz NOT NULL,
    PRIMARY KEY (task_id, executor_id, started_at)
);

-- GET /tasks?agentId= and ?status= (the plain list uses tasks_user_submitted_idx).
CREATE INDEX tasks_user_agent_submitted_idx
    ON tasks (user_id, agent_id, submitted_at DESC, task_id DESC);
CREATE INDEX tasks_user_status_submitted_idx
    ON tasks (user_id, status, submitted_at DESC, task_id DESC);

-- GET /tasks/results, with and without agentId.
CREATE INDEX task_results_user_created_idx
    ON task_results (user_id, created_at DESC, task_id DESC);
CREATE INDEX task_results_user_agent_created_idx
    ON task_results (user_id, agent_id, created_at DESC, task_id DESC);

-- GET /agents/{id}/stats reads only the index.
DROP INDEX task_results_agent_created_idx;
CREATE INDEX task_results_agent_stats_idx
    ON task_results (agent_id, created_at DESC) INCLUDE (status, duration_ms);
