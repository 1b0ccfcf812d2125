-- Usernames are unique whatever their letter case, so "Alice" cannot pose as "alice".
CREATE UNIQUE INDEX users_username_lower_key ON users (lower(username));

-- API keys, stored only as the SHA-256 of the key; prefix is a short non-secret start for lists.
CREATE TABLE api_keys (
    id         uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id    uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    key_hash   char(64)    NOT NULL,
    prefix     text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    revoked_at timestamptz,
    CONSTRAINT api_keys_key_hash_key UNIQUE (key_hash)
);

-- GET /users/me/api-keys: a user's keys, newest first.
CREATE INDEX api_keys_user_idx ON api_keys (user_id, created_at DESC, id DESC);
