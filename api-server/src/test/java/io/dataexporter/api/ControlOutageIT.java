package io.dataexporter.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataexporter.localstack.FreezableProxy;
import io.dataexporter.localstack.TestStack;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The API while its control database does not answer: a clear 503 with Retry-After, /healthz still up, and by itself well again after. */
class ControlOutageIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void requestStatus_whileTheControlDatabaseDoesNotAnswer_is503WithRetryAfter_andAnswersAgainOnceItIsBack() throws Exception {
        URI postgres = URI.create(TestStack.get().endpoints().jdbcUrl().substring("jdbc:".length()));
        try (FreezableProxy proxy = new FreezableProxy(postgres.getHost(), postgres.getPort());
             ApiHarness harness = new ApiHarness(Map.of("control.jdbc.url", "jdbc:postgresql://127.0.0.1:" + proxy.port() + postgres.getPath()),
                     Clock.systemUTC())) {
            String query = "{\"query\":\"query { requestStatus(requestId: \\\"" + UUID.randomUUID() + "\\\") { status } }\"}";
            assertThat(harness.post(query, ApiHarness.TOKEN).body()).contains("\"status\":\"Request has not been requested\"");

            proxy.freeze();
            HttpResponse<String> down = harness.post(query, ApiHarness.TOKEN);
            HttpResponse<String> health = harness.get("/healthz");
            proxy.thaw();

            assertThat(down.statusCode()).as(down.body()).isEqualTo(503);
            assertThat(down.headers().firstValue("Retry-After")).contains("30");
            JsonNode error = JSON.readTree(down.body()).get("errors").get(0);
            assertThat(error.get("message").asText()).matches("The control database is not answering; try again in a minute \\(reference [0-9a-f-]{36}\\)");
            assertThat(error.get("extensions").get("code").asText()).isEqualTo("CONTROL_DATABASE_UNAVAILABLE");
            assertThat(health.statusCode()).isEqualTo(200);
            HttpResponse<String> back = harness.post(query, ApiHarness.TOKEN);
            assertThat(back.statusCode()).as(back.body()).isEqualTo(200);
            assertThat(back.body()).contains("\"status\":\"Request has not been requested\"");
        }
    }

    @Test
    void requestData_whileAnIdleSessionHoldsTheRequestTablesLock_failsFastWith503SayingSo_andStatusReadsStillAnswer() throws Exception {
        var endpoints = TestStack.get().endpoints();
        try (java.sql.Connection holder = java.sql.DriverManager.getConnection(endpoints.jdbcUrl(), endpoints.user(), endpoints.password());
             ApiHarness harness = new ApiHarness(Map.of(), Clock.systemUTC())) {
            holder.setAutoCommit(false);
            try (java.sql.Statement statement = holder.createStatement()) {
                // what a server that froze inside its admission transaction leaves behind
                statement.execute("LOCK TABLE de_internal.request_table IN SHARE ROW EXCLUSIVE MODE");
            }
            HttpResponse<String> admission = harness.post("{\"query\":\"mutation { requestData(startTime: 1791036000, endTime: 1791039600) }\"}",
                    ApiHarness.TOKEN);
            String status = "{\"query\":\"query { requestStatus(requestId: \\\"" + UUID.randomUUID() + "\\\") { status } }\"}";
            HttpResponse<String> read = harness.post(status, ApiHarness.TOKEN);
            holder.rollback();

            // lock_timeout (5 s) answered, not the 10 s statement timeout (an internal error) and not a worker queued for hours
            assertThat(admission.statusCode()).as(admission.body()).isEqualTo(503);
            assertThat(admission.headers().firstValue("Retry-After")).contains("30");
            assertThat(JSON.readTree(admission.body()).get("errors").get(0).get("message").asText())
                    .matches("The request table is locked by another call; try again in a minute \\(reference [0-9a-f-]{36}\\)");
            assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
            assertThat(read.body()).contains("\"status\":\"Request has not been requested\"");
        }
    }

    @Test
    void probes_whileTheControlDatabaseDoesNotAnswer_answerAtOnceFromTheirSnapshot_andReadinessWaitsForThreeFailedRefreshes() throws Exception {
        URI postgres = URI.create(TestStack.get().endpoints().jdbcUrl().substring("jdbc:".length()));
        try (FreezableProxy proxy = new FreezableProxy(postgres.getHost(), postgres.getPort());
             ApiHarness harness = new ApiHarness(Map.of("control.jdbc.url", "jdbc:postgresql://127.0.0.1:" + proxy.port() + postgres.getPath()),
                     Clock.systemUTC())) {
            proxy.freeze();
            java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
            java.util.function.Function<String, HttpResponse<String>> probe = path -> {
                try {
                    // a probe that queried the database would wait out its 3 s connect timeout here
                    return client.send(java.net.http.HttpRequest.newBuilder(URI.create(harness.url(path))).timeout(java.time.Duration.ofSeconds(2))
                            .GET().build(), HttpResponse.BodyHandlers.ofString());
                } catch (Exception e) {
                    throw new AssertionError(path + " did not answer: " + e, e);
                }
            };
            HttpResponse<String> ready = probe.apply("/readyz");
            HttpResponse<String> metrics = probe.apply("/metrics");
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
            HttpResponse<String> later = probe.apply("/readyz");
            while (later.statusCode() == 200 && System.nanoTime() < deadline) {
                Thread.sleep(1_000);
                later = probe.apply("/readyz");
            }
            proxy.thaw();

            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(ready.body()).isEqualTo("ready\n");
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).contains("data_exporter_api_exports_running 0.0\n");
            // three refreshes 5 s apart found it gone: now the replica leaves the Service, saying why
            assertThat(later.statusCode()).isEqualTo(503);
            assertThat(later.body()).isEqualTo("not ready: the control database does not answer\n");
        }
    }
}
