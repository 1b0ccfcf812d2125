-- The origins an agent version may call over outbound HTTP (metadata permissions.http), in their
-- normalized form; fixed per version, so no statement ever changes them after the insert.
ALTER TABLE agents ADD COLUMN http_origins text[] NOT NULL DEFAULT '{}';
