-- Outbound HTTP of each run, from the terminal event's result.usage.httpRequests and httpBytes
-- (null for results stored before they existed; read as 0 when the rest of the usage is there).
ALTER TABLE task_results
    ADD COLUMN usage_http_requests bigint,
    ADD COLUMN usage_http_bytes    bigint;
