package io.dataexporter.emr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataexporter.common.range.JdbcRequestStore;
import io.dataexporter.jobs.config.JdbcTarget;
import io.dataexporter.jobs.status.JdbcJobStatusStore;
import io.dataexporter.localstack.LocalStack;
import io.dataexporter.localstack.TestStack;
import io.dataexporter.localstack.seed.SeedOptions;
import io.dataexporter.localstack.seed.SyntheticWarehouse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@code emr/sql/control-database-users.sql} as a platform engineer runs it, then the product's own control-database
 * statements as each user: what each needs works, and what it does not need is refused.
 */
class ControlDatabaseUsersIT {

    @Test
    void users_canDoWhatTheirCodeDoes_andNothingElse() throws Exception {
        LocalStack stack = TestStack.get();
        try (Connection owner = stack.openConnection(); Statement statement = owner.createStatement()) {
            SyntheticWarehouse.seed(owner, new SeedOptions(SeedOptions.MIN_ROWS, 1, SeedOptions.DEFAULT_AROUND, 1));
            statement.execute("DROP ROLE IF EXISTS data_exporter_api");
            statement.execute("DROP ROLE IF EXISTS data_exporter_jobs");
            statement.execute("DROP ROLE IF EXISTS data_exporter_launcher");
            statement.execute(Files.readString(Path.of("sql/control-database-users.sql")).replace(":'api_password'", "'api-password-0001'")
                    .replace(":'jobs_password'", "'jobs-password-0001'").replace(":'launcher_password'", "'launcher-password-0001'"));
        }
        // the stack's URL names its owner as a parameter, which would outrank the user given beside it
        String url = stack.endpoints().jdbcUrl().replaceFirst("\\?.*$", "");
        JdbcRequestStore api = new JdbcRequestStore(() -> DriverManager.getConnection(url, "data_exporter_api", "api-password-0001"));
        JdbcRequestStore launcher = new JdbcRequestStore(() -> DriverManager.getConnection(url, "data_exporter_launcher", "launcher-password-0001"));
        JdbcTarget jobs = new JdbcTarget(url, "data_exporter_jobs", "jobs-password-0001");
        JdbcRequestStore jobRequests = new JdbcRequestStore(jobs::connect);
        JdbcJobStatusStore statuses = new JdbcJobStatusStore(jobs);

        // the API: admission under the table lock; the launcher: claim under the same lock, launch, expiry
        UUID id = UUID.fromString("4c1f5c2e-1d2a-4c3b-9e8f-7a6b5c4d3e2f");
        assertThat(api.admit(id, 1791036000, 1791039600, "it-client", 2, 8, 4).created()).isTrue();
        assertThat(launcher.claimForLaunch(2)).extracting(request -> request.id()).containsExactly(id);
        assertThat(launcher.launcherRef(id, "step s-1")).isTrue();
        assertThat(launcher.expire(Duration.ofSeconds(120), Duration.ofSeconds(1800))).isEmpty();
        assertThat(launcher.launchedNotStarted()).extracting(request -> request.id()).containsExactly(id);
        // the jobs: heartbeat, progress, end; status rows and the closing of abandoned ones
        assertThat(jobRequests.heartbeat(id)).isTrue();
        jobRequests.progress(id, 50.0);
        jobRequests.completed(id, List.of("way_speed"));
        assertThat(api.find(id).orElseThrow().status().text()).isEqualTo("Completed");
        statuses.started("run-1", "way_speed", LocalDate.of(2026, 10, 4), 1);
        statuses.completed("run-1", "way_speed", LocalDate.of(2026, 10, 4), 1, 10, 100, 1, 5);
        assertThat(statuses.closeAbandoned("run-2")).isZero();
        assertThat(statuses.forDate(LocalDate.of(2026, 10, 4))).hasSize(1);

        // and no more
        try (Connection apiConnection = DriverManager.getConnection(url, "data_exporter_api", "api-password-0001");
             Connection launcherConnection = DriverManager.getConnection(url, "data_exporter_launcher", "launcher-password-0001");
             Connection jobsConnection = jobs.connect(); Statement asApi = apiConnection.createStatement(); Statement asJobs = jobsConnection.createStatement();
             Statement asLauncher = launcherConnection.createStatement()) {
            assertRefused(asLauncher, "INSERT INTO de_internal.request_table (de_request_id, start_time, end_time, status, progress)"
                    + " VALUES ('" + UUID.randomUUID() + "', 1, 2, 'In Progress', 0)");
            assertRefused(asLauncher, "DELETE FROM de_internal.request_table");
            assertRefused(asLauncher, "SELECT count(*) FROM de_internal.table_export_job_statuses");
            assertRefused(asApi, "SELECT count(*) FROM de_internal.table_export_job_statuses");
            assertRefused(asApi, "DELETE FROM de_internal.request_table");
            assertRefused(asJobs, "DELETE FROM de_internal.table_export_job_statuses");
            assertRefused(asJobs, "TRUNCATE de_internal.request_table");
            assertRefused(asApi, "CREATE TABLE de_internal.extra (id int)");
        }
    }

    private static void assertRefused(Statement statement, String sql) {
        assertThatThrownBy(() -> statement.execute(sql)).as(sql).isInstanceOf(SQLException.class)
                .satisfies(error -> assertThat(((SQLException) error).getSQLState()).isEqualTo("42501"));
    }
}
