-- The two database users of the control database, each with only what its code does (ControlDatabaseUsersIT runs this
-- file and then the product's own statements as each user). Run once, as the owner of schema de_internal, after
-- `migrate` has created it:
--   psql "host=CONTROL_HOST dbname=data_exporter user=OWNER" -v api_password="$API_PASSWORD" -v jobs_password="$JOBS_PASSWORD" \
--        -f emr/sql/control-database-users.sql
-- Then keep each password in its own Secrets Manager secret: data-exporter/control-jobs for the jobs (the job role reads it),
-- data-exporter/control-api for the API (the API role reads it); neither identity can read the other's.

CREATE ROLE data_exporter_api LOGIN PASSWORD :'api_password';
CREATE ROLE data_exporter_jobs LOGIN PASSWORD :'jobs_password';

GRANT USAGE ON SCHEMA de_internal TO data_exporter_api, data_exporter_jobs;

-- The API records requests, admits them under a table lock (LOCK ... IN SHARE ROW EXCLUSIVE MODE needs UPDATE), claims
-- and launches them, and fails over those whose job stopped heart-beating. It never deletes a row.
GRANT SELECT, INSERT, UPDATE ON de_internal.request_table TO data_exporter_api;

-- The jobs: a range export records its request when run by hand, heartbeats it, sets its progress and its end; the
-- scheduled export writes its status rows and closes those a stopped run left IN-PROGRESS.
GRANT SELECT, INSERT, UPDATE ON de_internal.request_table TO data_exporter_jobs;
GRANT SELECT, INSERT, UPDATE ON de_internal.table_export_job_statuses TO data_exporter_jobs;
