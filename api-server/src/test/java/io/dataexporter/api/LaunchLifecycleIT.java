package io.dataexporter.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Launches across restarts and races: a claim a stopped server left is launched again; a request failed during its launch is cancelled. */
class LaunchLifecycleIT {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-10-06T00:00:00Z"), ZoneOffset.UTC);
    private static ApiHarness harness;

    @BeforeAll
    static void start() throws Exception {
        harness = new ApiHarness(Map.of("api.max-concurrent-exports", "2", "api.aws-call-timeout-seconds", "5"), CLOCK);
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    @BeforeEach
    void empty() throws Exception {
        harness.sql("DELETE FROM de_internal.request_table");
        harness.launcher.launched.clear();
        harness.launcher.cancelled.clear();
        harness.launcher.duringLaunch = request -> { };
    }

    @Test
    void aClaimThatAStoppedServerNeverLaunched_isLaunchedAgainAfterTheGrace_andAFreshClaimIsLeftToItsServer() throws Exception {
        String orphan = "3e0d6a52-8c1b-4f7e-9a2d-5b6c7d8e9f01";
        String fresh = "4f1e7b63-9d2c-4a8f-8b3e-6c7d8e9f0a12";
        harness.sql("INSERT INTO de_internal.request_table (de_request_id, start_time, end_time, status, progress, launcher_ref, launched_at,"
                + " requested_by) VALUES ('" + orphan + "', 1791036000, 1791039600, 'In Progress', 0, 'launching', now() - interval '10 minutes', 'it-client'),"
                + " ('" + fresh + "', 1791039600, 1791043200, 'In Progress', 0, 'launching', now(), 'it-client')");

        long deadline = System.currentTimeMillis() + 10_000;
        while (harness.launcher.launched.isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        Thread.sleep(2_000);

        assertThat(harness.launcher.launched).extracting(request -> request.id().toString()).containsExactly(orphan);
        assertThat(harness.query("SELECT launcher_ref, launched_at > now() - interval '1 minute' FROM de_internal.request_table WHERE de_request_id = '"
                + orphan + "'")).containsExactly(List.of("recorded 1", true));
        assertThat(harness.query("SELECT launcher_ref FROM de_internal.request_table WHERE de_request_id = '" + fresh + "'"))
                .containsExactly(List.of("launching"));
    }

    @Test
    void aRequestFailedWhileItsLaunchRan_getsItsLaunchCancelled_andKeepsItsFailure() throws Exception {
        harness.launcher.duringLaunch = request -> {
            try {
                harness.sql("UPDATE de_internal.request_table SET status = 'Failed', error_message = 'expired meanwhile' WHERE de_request_id = '"
                        + request.id() + "'");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        JsonNode answer = harness.graphql("mutation { requestData(startTime: 1791036000, endTime: 1791039600) }");
        String id = answer.get("data").get("requestData").asText();

        long deadline = System.currentTimeMillis() + 10_000;
        while (harness.launcher.cancelled.isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }

        assertThat(harness.launcher.cancelled).containsExactly("recorded 1");
        assertThat(harness.query("SELECT status, error_message, launcher_ref FROM de_internal.request_table WHERE de_request_id = '" + id + "'"))
                .containsExactly(List.of("Failed", "expired meanwhile", "launching"));
        assertThat(harness.app.metrics().prometheusText()).contains("data_exporter_api_exports_cancelled_total 1.0\n");
    }
}
