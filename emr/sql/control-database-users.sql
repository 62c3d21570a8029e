-- The three database users of the control database, each with only what its code does (ControlDatabaseUsersIT runs this
-- file and then the product's own statements as each user). Run once, as the owner of schema de_internal, after
-- `migrate` has created it:
--   psql "host=CONTROL_HOST dbname=data_exporter user=OWNER" -v api_password="$API_PASSWORD" -v jobs_password="$JOBS_PASSWORD" \
--        -v launcher_password="$LAUNCHER_PASSWORD" -f emr/sql/control-database-users.sql
-- Then keep each password in its own Secrets Manager secret: data-exporter/control-jobs for the jobs (the job role reads it),
-- data-exporter/control-api for the API (the API role reads it), data-exporter/control-launcher for the launcher (the
-- launcher role reads it); no identity can read another's.

CREATE ROLE data_exporter_api LOGIN PASSWORD :'api_password';
CREATE ROLE data_exporter_jobs LOGIN PASSWORD :'jobs_password';
CREATE ROLE data_exporter_launcher LOGIN PASSWORD :'launcher_password';

GRANT USAGE ON SCHEMA de_internal TO data_exporter_api, data_exporter_jobs, data_exporter_launcher;

-- The API records requests and admits them under a table lock (LOCK ... IN SHARE ROW EXCLUSIVE MODE needs UPDATE). It
-- never deletes a row. (On the local stack, where it also launches, it claims and expires them as the launcher does.)
GRANT SELECT, INSERT, UPDATE ON de_internal.request_table TO data_exporter_api;

-- The launcher claims queued requests under the same lock, records what it launched, and fails those past their lease
-- or start deadline. It never creates or deletes a request.
GRANT SELECT, UPDATE ON de_internal.request_table TO data_exporter_launcher;

-- The jobs: a range export records its request when run by hand, heartbeats it, sets its progress and its end; the
-- scheduled export writes its status rows and closes those a stopped run left IN-PROGRESS.
GRANT SELECT, INSERT, UPDATE ON de_internal.request_table TO data_exporter_jobs;
GRANT SELECT, INSERT, UPDATE ON de_internal.table_export_job_statuses TO data_exporter_jobs;
