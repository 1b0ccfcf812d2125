-- The origins an agent version may call over outbound HTTP (metadata permissions.http), in their
-- normalized form; fixed per version, so no statement ever changes them after the insert.
ALTER TABLE agents ADD COLUMN http_origins text[] NOT NULL DEFAULT '{}';

-- Secrets an owner sets for an agent name (every version of it sees them), encrypted with AES-GCM
-- (security/SecretCipher): key_id names the key, nonce is the GCM nonce, ciphertext carries the
-- tag; the owner, agent name and secret name are its associated data, so a row copied under
-- another agent or name does not decrypt. The value is never stored in clear.
CREATE TABLE agent_secrets (
    owner_id    uuid        NOT NULL REFERENCES users (id),
    agent_name  text        COLLATE "C" NOT NULL,
    name        text        COLLATE "C" NOT NULL,
    key_id      text        NOT NULL,
    nonce       bytea       NOT NULL,
    ciphertext  bytea       NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (owner_id, agent_name, name)
);
