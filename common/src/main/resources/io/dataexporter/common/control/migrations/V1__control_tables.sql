-- The control tables of de_internal, and the upgrade of every earlier shape of them: each statement is idempotent, so
-- this runs on an empty schema as on tables created by hand from an earlier version. Nothing is ever dropped, and no
-- other schema is touched.

CREATE TABLE IF NOT EXISTS de_internal.request_table (
    de_request_id uuid PRIMARY KEY,
    start_time    bigint NOT NULL,
    end_time      bigint NOT NULL,
    status        text NOT NULL,
    progress      double precision NOT NULL DEFAULT 0,
    error_message text,
    launcher_ref  text,
    requested_at  timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now()
);

-- columns later versions added
ALTER TABLE de_internal.request_table ADD COLUMN IF NOT EXISTS heartbeat_at timestamptz;   -- set by the running job; NULL until its driver starts
ALTER TABLE de_internal.request_table ADD COLUMN IF NOT EXISTS requested_by text;          -- the API client (token name) that asked for the range
ALTER TABLE de_internal.request_table ADD COLUMN IF NOT EXISTS launched_at timestamptz;    -- when the API handed the request to its launcher
ALTER TABLE de_internal.request_table ADD COLUMN IF NOT EXISTS exported_tables text;       -- the tables a Completed export wrote, comma-separated

-- At most one in-flight request per range: identical requests get the same id, even across API server instances.
CREATE UNIQUE INDEX IF NOT EXISTS request_table_in_flight ON de_internal.request_table (start_time, end_time) WHERE status = 'In Progress';

CREATE TABLE IF NOT EXISTS de_internal.table_export_job_statuses (
    run_id        text NOT NULL,
    table_name    text NOT NULL,
    export_date   date NOT NULL,
    attempt       integer NOT NULL,
    status        text NOT NULL,
    rows_written  bigint,
    bytes_written bigint,
    files_written integer,
    duration_ms   bigint,
    error_code    text,
    error_message text,
    started_at    timestamptz NOT NULL DEFAULT now(),
    finished_at   timestamptz,
    PRIMARY KEY (run_id, table_name, export_date, attempt)
);
