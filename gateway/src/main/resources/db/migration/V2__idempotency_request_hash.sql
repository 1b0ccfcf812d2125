-- The fingerprint (SHA-256) of the request that claimed a key, so that a request with the same key
-- and another body is refused (409) instead of being answered, or re-queued, with the first task.
-- Rows from before this column have none and are honoured as before.
ALTER TABLE idempotency_keys ADD COLUMN request_hash bytea;
