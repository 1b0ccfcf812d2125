-- What each run used, from the terminal event's optional result.usage (null for results of
-- tasks that never ran and for events written before the field existed).
ALTER TABLE task_results
    ADD COLUMN usage_cpu_ms          bigint,
    ADD COLUMN usage_wall_ms         bigint,
    ADD COLUMN usage_memory_peak_mb  integer,
    ADD COLUMN usage_stdout_bytes    bigint,
    ADD COLUMN usage_stderr_bytes    bigint;
