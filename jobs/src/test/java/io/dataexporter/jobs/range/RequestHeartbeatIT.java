package io.dataexporter.jobs.range;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataexporter.common.range.JdbcRequestStore;
import io.dataexporter.common.range.RequestHeartbeat;
import io.dataexporter.localstack.LocalStack;
import io.dataexporter.localstack.TestStack;
import io.dataexporter.localstack.seed.SeedOptions;
import io.dataexporter.localstack.seed.SyntheticWarehouse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The heartbeat against a control database that drops connections: failed beats are reported, and beating goes on. */
class RequestHeartbeatIT {

    @Test
    void heartbeat_whenTheControlDatabaseFailsTwice_reportsBothAndKeepsBeating_andReportsAFailedOverRequest() throws Exception {
        LocalStack stack = TestStack.get();
        try (Connection connection = stack.openConnection()) {
            SyntheticWarehouse.seed(connection, new SeedOptions(SeedOptions.MIN_ROWS, 1, SeedOptions.DEFAULT_AROUND, 1));
        }
        AtomicInteger opened = new AtomicInteger();
        JdbcRequestStore store = new JdbcRequestStore(() -> {
            int call = opened.incrementAndGet();
            if (call == 2 || call == 3) {
                throw new SQLException("Connection refused (the control database is restarting)");
            }
            return stack.openConnection();
        });
        UUID id = UUID.fromString("6b1f5c2e-1d2a-4c3b-9e8f-7a6b5c4d3e2f");
        store.createLaunched(id, 1791036000, 1791039600, "test");
        List<String> reports = new CopyOnWriteArrayList<>();

        try (RequestHeartbeat heartbeat = new RequestHeartbeat(store, id, Duration.ofMillis(200), reports::add)) {
            waitFor(() -> opened.get() >= 6);
            execute(stack, "UPDATE de_internal.request_table SET heartbeat_at = NULL WHERE de_request_id = '" + id + "'");
            waitFor(() -> heartbeatSet(stack, id));
            execute(stack, "UPDATE de_internal.request_table SET status = 'Failed' WHERE de_request_id = '" + id + "'");
            waitFor(() -> reports.size() >= 3);
        }

        String refused = "Heartbeat of request " + id + " failed, trying again in 200 ms: Cannot update de_internal.request_table: Connection refused"
                + " (the control database is restarting)";
        assertThat(reports.subList(0, 3)).containsExactly(refused, refused,
                "Request " + id + " is no longer In Progress (failed over); its result will not be recorded");
    }

    private static boolean heartbeatSet(LocalStack stack, UUID id) {
        try (Connection connection = stack.openConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT heartbeat_at IS NOT NULL FROM de_internal.request_table WHERE de_request_id = '" + id + "'")) {
            return rows.next() && rows.getBoolean(1);
        } catch (SQLException e) {
            return false;
        }
    }

    private static void execute(LocalStack stack, String sql) throws SQLException {
        try (Connection connection = stack.openConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 100 && !condition.getAsBoolean(); i++) {
            Thread.sleep(100);
        }
        assertThat(condition.getAsBoolean()).as("condition within 10 s").isTrue();
    }
}
