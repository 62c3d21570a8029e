-- A request belongs to the client that made it: identical ranges are joined within one client only, so the in-flight
-- bound is one request per range and client. The new index is built before the old one goes, so no moment is unbounded;
-- no row is touched.
CREATE UNIQUE INDEX IF NOT EXISTS request_table_in_flight_per_client ON de_internal.request_table (start_time, end_time, requested_by)
    WHERE status = 'In Progress';
DROP INDEX IF EXISTS de_internal.request_table_in_flight;
