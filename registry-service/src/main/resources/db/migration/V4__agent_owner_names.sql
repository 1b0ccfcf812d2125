-- Each agent carries its owner's username, so that every agent answer names its owner and agents
-- can be looked up as OWNER/NAME. Usernames never change, so the copy cannot go stale; it is taken
-- from the users table when the row is inserted.
ALTER TABLE agents ADD COLUMN owner_name text;
UPDATE agents a SET owner_name = u.username FROM users u WHERE u.id = a.owner_id;
ALTER TABLE agents ALTER COLUMN owner_name SET NOT NULL;

-- GET /agents?ownerName=&name=: usernames are unique whatever their letter case, so the owner is
-- matched in lower case; newest semver first within the name.
CREATE INDEX agents_owner_name_idx ON agents (lower(owner_name), name, version_key DESC);
