-- Browser sessions of the web pages. The cookie holds a random session id; the table holds only
-- its SHA-256, and the registry's login token sealed (AES-GCM) under a key derived from the id:
-- a copy of this table alone lets nobody act as a user. A row is deleted at sign-out and purged
-- once it has expired.
CREATE TABLE web_sessions (
    id_hash      bytea       PRIMARY KEY,
    user_id      uuid        NOT NULL,
    username     text        NOT NULL,
    sealed_token bytea       NOT NULL,
    expires_at   timestamptz NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX web_sessions_expires_at ON web_sessions (expires_at);
