-- Revoking all of a user's sessions raises their generation; every token carries the generation it
-- was issued under, and one issued under an older generation is refused.
ALTER TABLE users ADD COLUMN token_generation integer NOT NULL DEFAULT 0;

-- An API key may have an expiry; past it the key is refused like a revoked one.
ALTER TABLE api_keys ADD COLUMN expires_at timestamptz;
