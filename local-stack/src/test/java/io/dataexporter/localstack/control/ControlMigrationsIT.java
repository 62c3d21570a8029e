package io.dataexporter.localstack.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataexporter.common.control.ControlMigrations;
import io.dataexporter.localstack.TestStack;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The control database's migrations on PostgreSQL: from nothing, again, and from an earlier shape made by hand. */
class ControlMigrationsIT {

    private static final String REQUEST_COLUMNS = "de_request_id uuid, start_time bigint, end_time bigint, status text, progress double precision,"
            + " error_message text, launcher_ref text, requested_at timestamp with time zone, updated_at timestamp with time zone,"
            + " heartbeat_at timestamp with time zone, requested_by text, launched_at timestamp with time zone, exported_tables text";

    @BeforeEach
    void withoutControlSchema() throws Exception {
        execute("DROP SCHEMA IF EXISTS de_internal CASCADE", "CREATE SCHEMA IF NOT EXISTS migration_bystander",
                "CREATE TABLE IF NOT EXISTS migration_bystander.kept (id int)", "TRUNCATE migration_bystander.kept",
                "INSERT INTO migration_bystander.kept VALUES (1)");
    }

    @Test
    void migrate_onAnEmptyDatabase_createsTheControlTables_andAgainDoesNothing() throws Exception {
        var endpoints = TestStack.get().endpoints();

        assertThat(ControlMigrations.migrate(endpoints.jdbcUrl(), endpoints.user(), endpoints.password())).isEqualTo(new ControlMigrations.Outcome(2, "2"));
        assertThat(ControlMigrations.migrate(endpoints.jdbcUrl(), endpoints.user(), endpoints.password())).isEqualTo(new ControlMigrations.Outcome(0, "2"));

        assertThat(query("SELECT string_agg(table_name, ', ' ORDER BY table_name) FROM information_schema.tables WHERE table_schema = 'de_internal'"))
                .isEqualTo("flyway_schema_history, request_table, table_export_job_statuses");
        assertThat(columns("request_table")).isEqualTo(REQUEST_COLUMNS);
        assertThat(query("SELECT string_agg(indexdef, '; ') FROM pg_indexes WHERE indexname LIKE 'request_table_in_flight%'"))
                .isEqualTo("CREATE UNIQUE INDEX request_table_in_flight_per_client ON de_internal.request_table USING btree (start_time, end_time,"
                        + " requested_by) WHERE (status = 'In Progress'::text)");
        assertThat(query("SELECT count(*) FROM migration_bystander.kept")).isEqualTo("1");
    }

    @Test
    void migrate_overTheShapeAnEarlierVersionCreatedByHand_addsTheNewColumnsAndKeepsEveryRow() throws Exception {
        execute("CREATE SCHEMA de_internal", "CREATE TABLE de_internal.request_table (de_request_id uuid PRIMARY KEY, start_time bigint NOT NULL,"
                + " end_time bigint NOT NULL, status text NOT NULL, progress double precision NOT NULL DEFAULT 0, error_message text, launcher_ref text,"
                + " requested_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now())",
                "INSERT INTO de_internal.request_table (de_request_id, start_time, end_time, status) VALUES"
                        + " ('5b1f5c2e-1d2a-4c3b-9e8f-7a6b5c4d3e2f', 1791036000, 1791039600, 'Completed')");
        var endpoints = TestStack.get().endpoints();

        assertThat(ControlMigrations.migrate(endpoints.jdbcUrl(), endpoints.user(), endpoints.password())).isEqualTo(new ControlMigrations.Outcome(2, "2"));

        assertThat(columns("request_table")).isEqualTo(REQUEST_COLUMNS);
        assertThat(query("SELECT de_request_id || ' ' || status || ' ' || coalesce(requested_by, '-') FROM de_internal.request_table"))
                .isEqualTo("5b1f5c2e-1d2a-4c3b-9e8f-7a6b5c4d3e2f Completed -");
        assertThat(query("SELECT string_agg(version || ' ' || type, ', ' ORDER BY installed_rank) FROM de_internal.flyway_schema_history"))
                .isEqualTo("0 BASELINE, 1 SQL, 2 SQL");
    }

    private static String columns(String table) throws Exception {
        return query("SELECT string_agg(column_name || ' ' || data_type, ', ' ORDER BY ordinal_position) FROM information_schema.columns"
                + " WHERE table_schema = 'de_internal' AND table_name = '" + table + "'");
    }

    private static String query(String sql) throws Exception {
        try (Connection connection = TestStack.get().openConnection(); Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getString(1);
        }
    }

    private static void execute(String... sql) throws Exception {
        try (Connection connection = TestStack.get().openConnection(); Statement statement = connection.createStatement()) {
            for (String s : sql) {
                statement.execute(s);
            }
        }
    }
}
