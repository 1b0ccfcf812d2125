-- An agent version may declare the JSON Schema of the arguments it takes as an MCP tool: the
-- compact JSON text the upload validated (toolbox/InputSchemas), at most 16 KiB; null when none.
ALTER TABLE agents ADD COLUMN input_schema text;

-- Each user's toolbox: the agent versions an MCP client of that user sees as tools of their own.
-- Tool names are derived from the entries in the order they were added (toolbox/ToolNames).
CREATE TABLE toolbox_entries (
    user_id  uuid        NOT NULL REFERENCES users (id),
    agent_id uuid        NOT NULL REFERENCES agents (id),
    added_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    PRIMARY KEY (user_id, agent_id)
);
