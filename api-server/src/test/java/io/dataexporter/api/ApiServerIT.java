package io.dataexporter.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The API over real HTTP, on the local stack, with a launcher that starts nothing. */
class ApiServerIT {

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-10-06T00:00:00Z"), ZoneOffset.UTC);
    private static ApiHarness harness;

    @BeforeAll
    static void start() throws Exception {
        harness = new ApiHarness(Map.of("api.max-concurrent-exports", "1", "api.queue-capacity", "1", "api.lease-seconds", "15"), CLOCK);
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    @BeforeEach
    void emptyRequests() throws Exception {
        harness.sql("DELETE FROM de_internal.request_table");
        harness.launcher.launched.clear();
        harness.launcher.cancelled.clear();
        harness.launcher.state = io.dataexporter.api.launch.Launcher.State.RUNNING;
        harness.audit.entries.clear();
    }

    @Test
    void requestData_whenTheRangeBreaksARule_answersWithTheRuleAndTheValues() throws Exception {
        assertThat(error("mutation { requestData(startTime: -5, endTime: 100) }"))
                .isEqualTo("startTime must be 0 or more (epoch seconds); received startTime=-5");
        assertThat(error("mutation { requestData(startTime: 1791036000, endTime: 1791036000) }"))
                .isEqualTo("startTime must be before endTime; received startTime=1791036000, endTime=1791036000");
        assertThat(error("mutation { requestData(startTime: 1791036000, endTime: 1791122401) }"))
                .isEqualTo("endTime - startTime must be at most 86400 seconds (one day); received startTime=1791036000, endTime=1791122401 (86401 seconds)");
        assertThat(error("mutation { requestData(startTime: 1791244800, endTime: 1791248400) }"))
                .isEqualTo("endTime must not be in the future; received endTime=1791248400, now is 1791244800");
        assertThat(harness.launcher.launched).isEmpty();
    }

    @Test
    void requestStatus_whenTheIdIsNotAUuid_saysWhatAnIdLooksLike_andAnUnknownIdIsNotRequested() throws Exception {
        assertThat(error("mutation { requestStatus(requestId: \"42\") { status } }"))
                .isEqualTo("requestId must be a UUID such as 123e4567-e89b-12d3-a456-426614174000 (the value requestData returned); received '42'");
        JsonNode unknown = harness.graphql("query { requestStatus(requestId: \"123e4567-e89b-12d3-a456-426614174000\") { status progress dataRequestDownloadLinks error } }");
        assertThat(unknown.get("data").get("requestStatus").toString())
                .isEqualTo("{\"status\":\"Request has not been requested\",\"progress\":0.0,\"dataRequestDownloadLinks\":null,\"error\":null}");
    }

    @Test
    void graphql_withoutAValidToken_is401_whileHealthStaysOpen() throws Exception {
        HttpResponse<String> none = harness.post("{\"query\":\"{ requestStatus(requestId: \\\"x\\\") { status } }\"}", null);
        HttpResponse<String> wrong = harness.post("{\"query\":\"{ requestStatus(requestId: \\\"x\\\") { status } }\"}", "not-the-token");

        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.body()).isEqualTo("{\"errors\":[{\"message\":\"Missing or invalid bearer token: send 'Authorization: Bearer <token>'\"}]}");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(harness.get("/healthz").statusCode()).isEqualTo(200);
        assertThat(harness.get("/readyz").body()).isEqualTo("ready\n");
        assertThat(harness.get("/metrics").body()).contains("# TYPE data_exporter_api_unauthorized_total counter\ndata_exporter_api_unauthorized_total ");
    }

    @Test
    void requestData_fiftyIdenticalConcurrentCalls_startOneExport() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Callable<String>> calls = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            calls.add(() -> harness.graphql("mutation { requestData(startTime: 1791036000, endTime: 1791039600) }").get("data").get("requestData").asText());
        }
        Set<String> ids = new java.util.HashSet<>();
        for (Future<String> id : pool.invokeAll(calls)) {
            ids.add(id.get());
        }
        pool.shutdown();

        assertThat(ids).hasSize(1);
        harness.awaitLaunched(1);
        assertThat(harness.launcher.launched).hasSize(1);
        assertThat(harness.launcher.launched.get(0).id().toString()).isEqualTo(ids.iterator().next());
    }

    @Test
    void requestData_aRequestBelongsToItsClient_identicalRangesJoinWithinAClientOnly_afterEveryBound() throws Exception {
        String mine = harness.graphql("mutation { requestData(startTime: 1791036000, endTime: 1791039600) }").get("data").get("requestData").asText();
        String theirs = harness.graphql("mutation { requestData(startTime: 1791036000, endTime: 1791039600) }", ApiHarness.OTHER_TOKEN)
                .get("data").get("requestData").asText();
        JsonNode peek = harness.graphql("query { requestStatus(requestId: \"" + mine + "\") { status progress dataRequestDownloadLinks error } }",
                ApiHarness.OTHER_TOKEN).get("data").get("requestStatus");

        assertThat(theirs).isNotEqualTo(mine);
        // another client's id answers exactly as an id nobody requested
        assertThat(peek.toString()).isEqualTo("{\"status\":\"Request has not been requested\",\"progress\":0.0,\"dataRequestDownloadLinks\":null,"
                + "\"error\":null}");
        assertThat(status(mine)).isEqualTo("In Progress");
        try (java.sql.Connection connection = harness.stack.openConnection(); java.sql.Statement statement = connection.createStatement();
             java.sql.ResultSet owners = statement.executeQuery("SELECT string_agg(requested_by, ', ' ORDER BY requested_by) FROM de_internal.request_table")) {
            assertThat(owners.next()).isTrue();
            assertThat(owners.getString(1)).isEqualTo("it-client, other-client");
        }
        // one running and one queued fill the bounds: even the client's own identical range is refused, not joined
        assertThat(error("mutation { requestData(startTime: 1791036000, endTime: 1791039600) }"))
                .isEqualTo("Too many exports in flight: 1 running (limit 1) and 1 queued (limit 1). Try again in a few minutes.");
    }

    @Test
    void requestData_pastTheBoundAndTheQueue_failsCleanly_andTheServerStillAnswers() throws Exception {
        String running = harness.graphql("mutation { requestData(startTime: 1791036000, endTime: 1791039600) }").get("data").get("requestData").asText();
        String queued = harness.graphql("mutation { requestData(startTime: 1791039600, endTime: 1791043200) }").get("data").get("requestData").asText();

        assertThat(error("mutation { requestData(startTime: 1791043200, endTime: 1791046800) }"))
                .isEqualTo("Too many exports in flight: 1 running (limit 1) and 1 queued (limit 1). Try again in a few minutes.");
        harness.awaitLaunched(1);
        assertThat(harness.launcher.launched).extracting(request -> request.id().toString()).containsExactly(running);
        assertThat(status(queued)).isEqualTo("In Progress");
        assertThat(harness.get("/healthz").statusCode()).isEqualTo(200);
    }

    @Test
    void requestStatus_whenTheExportStopsHeartbeating_isFailedAfterTheLease_theLaunchIsCancelled_andAskingAgainStartsAFreshExport() throws Exception {
        String first = harness.graphql("mutation { requestData(startTime: 1791036000, endTime: 1791039600) }").get("data").get("requestData").asText();
        harness.awaitLaunched(1);
        harness.sql("UPDATE de_internal.request_table SET heartbeat_at = now() - interval '20 seconds' WHERE de_request_id = '" + first + "'");

        JsonNode failed = harness.awaitStatus(first, "Failed");
        assertThat(failed.get("error").asText()).startsWith("The export stopped responding: no heartbeat for more than 15 s (last at 20")
                .endsWith("). Request the range again to start a fresh export.");
        harness.awaitCancelled(1);
        assertThat(harness.launcher.cancelled).containsExactly("recorded 1");
        String second = harness.graphql("mutation { requestData(startTime: 1791036000, endTime: 1791039600) }").get("data").get("requestData").asText();
        assertThat(second).isNotEqualTo(first);
        harness.awaitLaunched(2);
        assertThat(harness.app.metrics().count("data_exporter_api_exports_lease_expired_total")).isEqualTo(1);
    }

    @Test
    void requestStatus_whenTheLaunchEndsBeforeTheJobStarts_isFailedWithoutWaitingForTheDeadline() throws Exception {
        String id = harness.graphql("mutation { requestData(startTime: 1791036000, endTime: 1791039600) }").get("data").get("requestData").asText();
        harness.awaitLaunched(1);
        harness.launcher.state = io.dataexporter.api.launch.Launcher.State.FAILED;

        JsonNode failed = harness.awaitStatus(id, "Failed");

        assertThat(failed.get("error").asText()).isEqualTo("The export ended before it started (recorded 1 is no longer running)."
                + " Request the range again to start a fresh export.");
    }

    @Test
    void requestStatus_whenTheJobNeverStartsWithinTheDeadline_isFailedAndTheLaunchCancelled() throws Exception {
        String id = harness.graphql("mutation { requestData(startTime: 1791036000, endTime: 1791039600) }").get("data").get("requestData").asText();
        harness.awaitLaunched(1);
        harness.sql("UPDATE de_internal.request_table SET launched_at = now() - interval '31 minutes' WHERE de_request_id = '" + id + "'");

        JsonNode failed = harness.awaitStatus(id, "Failed");

        assertThat(failed.get("error").asText()).isEqualTo("The export did not start within 1800 s of its launch; it was cancelled."
                + " Request the range again to start a fresh export.");
        harness.awaitCancelled(1);
        assertThat(harness.launcher.cancelled).containsExactly("recorded 1");
    }

    @Test
    void federation_serviceSdl_returnsTheSchema() throws Exception {
        String sdl = harness.graphql("query { _service { sdl } }").get("data").get("_service").get("sdl").asText();

        assertThat(sdl).contains("requestData(endTime: Int!, startTime: Int!): String!").contains("schema @link(import : [\"@shareable\"], url : \"https://specs.apollo.dev/federation/v2.3\")");
    }

    @Test
    void graphql_overTheSizeOrDepthLimit_isRefusedWithAMessage() throws Exception {
        HttpResponse<String> big = harness.post("{\"query\":\"" + "x".repeat(70_000) + "\"}", ApiHarness.TOKEN);
        assertThat(big.statusCode()).isEqualTo(413);
        assertThat(big.body()).isEqualTo("{\"errors\":[{\"message\":\"Request body larger than 65536 bytes\"}]}");

        StringBuilder aliases = new StringBuilder("query {");
        for (int i = 0; i < 1000; i++) {
            aliases.append(" s").append(i).append(": requestStatus(requestId: \"x\") { status }");
        }
        HttpResponse<String> refused = harness.post(JSON.writeValueAsString(Map.of("query", aliases.append(" }").toString())), ApiHarness.TOKEN);
        assertThat(refused.statusCode()).isEqualTo(400);
        JsonNode many = JSON.readTree(refused.body());
        assertThat(many.get("errors").get(0).get("message").asText())
                .isEqualTo("The document selects 2000 fields (aliases included); the limit is 100. Split it into several requests.");
        assertThat(many.get("errors").get(0).get("extensions").get("code").asText()).isEqualTo("DOCUMENT_LIMIT");
        assertThat(many.get("data")).isNull();
        assertThat(harness.audit.entries).isEmpty();
    }

    @Test
    void graphql_fragmentsThatDoubleAtEveryLevel_areCountedOnce_andRefusedAtOnce_while16AtOnceLeaveHealthzAnswering() throws Exception {
        // fragment Fi { ...Fi+1 ...Fi+1 }: 2^40 fields; walked once per fragment, this is refused in well under a second
        StringBuilder doubling = new StringBuilder("query { ...F0 }");
        for (int i = 0; i < 40; i++) {
            doubling.append(" fragment F").append(i).append(" on Query { ...F").append(i + 1).append(" ...F").append(i + 1).append(" }");
        }
        doubling.append(" fragment F40 on Query { requestStatus(requestId: \"x\") { status } }");
        String body = JSON.writeValueAsString(Map.of("query", doubling.toString()));
        java.util.concurrent.ExecutorService clients = java.util.concurrent.Executors.newFixedThreadPool(16);
        try {
            List<java.util.concurrent.Future<HttpResponse<String>>> sent = new java.util.ArrayList<>();
            for (int i = 0; i < 16; i++) {
                sent.add(clients.submit(() -> harness.post(body, ApiHarness.TOKEN)));
            }
            HttpResponse<String> health = harness.get("/healthz");
            for (var future : sent) {
                HttpResponse<String> response = future.get(10, java.util.concurrent.TimeUnit.SECONDS);
                assertThat(response.statusCode()).isEqualTo(400);
                // F0 to F39 spread each other 40 deep: refused on the nesting before anything is counted twice
                assertThat(JSON.readTree(response.body()).get("errors").get(0).get("message").asText()).isEqualTo("Fragment spreads nest more"
                        + " than 16 deep; the limit is 16. Spread fewer fragments inside fragments.");
            }
            assertThat(health.statusCode()).isEqualTo(200);
        } finally {
            clients.shutdownNow();
        }
        // below the nesting limit the doubling is counted, in long, and refused by the field limit
        StringBuilder shallow = new StringBuilder("query { ...F0 }");
        for (int i = 0; i < 12; i++) {
            shallow.append(" fragment F").append(i).append(" on Query { ...F").append(i + 1).append(" ...F").append(i + 1).append(" }");
        }
        shallow.append(" fragment F12 on Query { requestStatus(requestId: \"x\") { status } }");
        HttpResponse<String> counted = harness.post(JSON.writeValueAsString(Map.of("query", shallow.toString())), ApiHarness.TOKEN);
        assertThat(counted.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(counted.body()).get("errors").get(0).get("message").asText())
                .isEqualTo("The document selects 8192 fields (aliases included); the limit is 100. Split it into several requests.");
    }

    @Test
    void graphql_aMutationWithTwoRootFields_orAQueryWithElevenStatuses_isRefusedBeforeAnythingRuns() throws Exception {
        HttpResponse<String> twoAdmissions = harness.post(JSON.writeValueAsString(Map.of("query", "mutation { a: requestData(startTime: 1791036000,"
                + " endTime: 1791039600) b: requestData(startTime: 1791039600, endTime: 1791043200) }")), ApiHarness.TOKEN);
        StringBuilder statuses = new StringBuilder("query {");
        for (int i = 0; i < 11; i++) {
            statuses.append(" s").append(i).append(": requestStatus(requestId: \"x\") { status }");
        }
        HttpResponse<String> manyStatuses = harness.post(JSON.writeValueAsString(Map.of("query", statuses.append(" }").toString())), ApiHarness.TOKEN);

        assertThat(twoAdmissions.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(twoAdmissions.body()).get("errors").get(0).get("message").asText())
                .isEqualTo("A mutation may hold one root field; this one holds 2. Send one requestData (or requestStatus) per request.");
        assertThat(manyStatuses.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(manyStatuses.body()).get("errors").get(0).get("message").asText())
                .isEqualTo("A query may hold 10 root fields; this one holds 11. Split it into several requests.");
        assertThat(harness.audit.entries).isEmpty();
    }

    @Test
    void graphql_aChainOf1800Fragments_isA400_notAStackTrace() throws Exception {
        StringBuilder chain = new StringBuilder("query { ...F0 }");
        for (int i = 0; i < 1800; i++) {
            chain.append(" fragment F").append(i).append(" on Query { ...F").append(i + 1).append(" }");
        }
        chain.append(" fragment F1800 on Query { requestStatus(requestId: \"x\") { status } }");
        HttpResponse<String> response = harness.post(JSON.writeValueAsString(Map.of("query", chain.toString())), ApiHarness.TOKEN);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).get("errors").get(0).get("message").asText())
                .isEqualTo("The document defines 1801 fragments; the limit is 100. Split it into several requests.");
    }

    @Test
    void graphiql_isServedWithItsAssetsFromTheServer() throws Exception {
        assertThat(harness.get("/graphiql").body()).contains("<script src=\"/graphiql/assets/graphiql.js\"></script>").doesNotContain("cdn");
        HttpResponse<String> script = harness.get("/graphiql/assets/graphiql.js");
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Content-Type")).contains("application/javascript");
        assertThat(script.body().length()).isGreaterThan(500_000);
    }

    private static String status(String id) throws Exception {
        return harness.graphql("query { requestStatus(requestId: \"" + id + "\") { status } }").get("data").get("requestStatus").get("status").asText();
    }

    private static String error(String query) throws Exception {
        JsonNode response = harness.graphql(query);
        assertThat(response.get("errors")).as(response.toString()).hasSize(1);
        return response.get("errors").get(0).get("message").asText();
    }
}
