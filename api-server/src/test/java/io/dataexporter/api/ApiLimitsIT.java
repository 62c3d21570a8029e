package io.dataexporter.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataexporter.api.audit.AuditTrail;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The API's limits that stand apart from GraphQL, over real HTTP on loopback: probes on their own port and threads,
 * a deadline on request heads, JSON for Jetty's own errors, audited refusals, a bound on response size, GraphiQL off.
 */
class ApiLimitsIT {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-10-06T00:00:00Z"), ZoneOffset.UTC);
    private static ApiHarness harness;

    @BeforeAll
    static void start() throws Exception {
        harness = new ApiHarness(Map.of("api.http.threads", "8", "api.http.max-connections", "64", "api.http.idle-timeout-seconds", "60",
                "api.max-response-bytes", "4096", "api.graphiql.enabled", "false"), CLOCK);
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    @BeforeEach
    void clearAudit() {
        harness.audit.refusals.clear();
    }

    @Test
    void probes_onTheirOwnPort_answerWhileEveryConnectionOfTheApiIsHeld() throws Exception {
        List<Socket> held = new ArrayList<>();
        try {
            for (int i = 0; i < 64; i++) {
                Socket socket = new Socket("127.0.0.1", harness.app.port());
                socket.getOutputStream().write("POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.US_ASCII));
                held.add(socket);
            }
            long start = System.nanoTime();
            HttpResponse<String> health = probe("/healthz");
            HttpResponse<String> ready = probe("/readyz");
            HttpResponse<String> metrics = probe("/metrics");
            long millis = (System.nanoTime() - start) / 1_000_000;

            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).isEqualTo("ok\n");
            assertThat(ready.body()).isEqualTo("ready\n");
            assertThat(metrics.body()).contains("data_exporter_api_exports_running ");
            assertThat(millis).as("three probes while the API's connections are all held").isLessThan(3_000);
            assertThat(probe("/graphql").statusCode()).isEqualTo(404);
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
    }

    @Test
    void aClientTricklingItsRequestHead_isClosedAfterTheDeadline_thoughEachLineResetsTheIdleTimeout() throws Exception {
        ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
        try (Socket socket = new Socket("127.0.0.1", harness.app.port())) {
            OutputStream out = socket.getOutputStream();
            out.write("POST /graphql HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
            trickle.scheduleAtFixedRate(() -> {
                try {
                    out.write("X-Slow: 1\r\n".getBytes(StandardCharsets.US_ASCII));
                } catch (java.io.IOException e) {
                    // closed by the server
                }
            }, 1, 1, TimeUnit.SECONDS);
            socket.setSoTimeout(30_000);
            long start = System.nanoTime();
            InputStream in = socket.getInputStream();
            int read;
            do {
                read = in.read();
            } while (read >= 0);
            long seconds = (System.nanoTime() - start) / 1_000_000_000;

            // the idle timeout is 60 s here and each line resets it; the head deadline is 10 s
            assertThat(seconds).isBetween(8L, 25L);
            assertThat(harness.app.metrics().prometheusText()).contains("data_exporter_api_slow_heads_total 1.0\n");
        } finally {
            trickle.shutdownNow();
        }
    }

    @Test
    void sevenHundredSocketsTricklingTheirHeads_leaveHealthzAndAnAuthenticatedStatusAnsweringWithinASecond() throws Exception {
        List<Socket> trickling = new ArrayList<>();
        ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
        try (ApiHarness defaults = new ApiHarness(Map.of(), CLOCK)) {
            for (int i = 0; i < 700; i++) {
                Socket socket = new Socket("127.0.0.1", defaults.app.port());
                socket.getOutputStream().write("POST /graphql HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
                trickling.add(socket);
            }
            trickle.scheduleAtFixedRate(() -> trickling.forEach(socket -> {
                try {
                    socket.getOutputStream().write("X-Slow: 1\r\n".getBytes(StandardCharsets.US_ASCII));
                } catch (java.io.IOException e) {
                    // closed by the server
                }
            }), 2, 2, TimeUnit.SECONDS);
            Thread.sleep(3_000);

            long start = System.nanoTime();
            HttpResponse<String> health = defaults.http.send(HttpRequest.newBuilder(URI.create(defaults.url("/healthz"))).timeout(Duration.ofSeconds(1))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> status = defaults.http.send(HttpRequest.newBuilder(URI.create(defaults.url("/graphql"))).timeout(Duration.ofSeconds(1))
                    .header("Authorization", "Bearer " + ApiHarness.TOKEN).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"query { requestStatus(requestId: \\\"0f5c3b8e-4d3a-4a52-9a55-8f1f1c2d3e4f\\\") { status } }\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            long millis = (System.nanoTime() - start) / 1_000_000;

            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(status.statusCode()).as(status.body()).isEqualTo(200);
            assertThat(status.body()).contains("Request has not been requested");
            assertThat(millis).isLessThan(2_000);
        } finally {
            trickle.shutdownNow();
            for (Socket socket : trickling) {
                socket.close();
            }
        }
    }

    @Test
    void jettysOwnErrors_areJson() throws Exception {
        String badRequest = raw("GARBAGE\r\n\r\n");
        String hugeHeader = raw("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000) + "\r\nConnection: close\r\n\r\n");

        assertThat(badRequest).startsWith("HTTP/1.1 400 ").contains("Content-Type: application/json")
                .endsWith("{\"errors\":[{\"message\":\"Bad request: the HTTP request could not be parsed; send POST /graphql with a JSON body\"}]}");
        assertThat(hugeHeader).startsWith("HTTP/1.1 431 ").contains("Content-Type: application/json")
                .endsWith("{\"errors\":[{\"message\":\"Request headers too large (at most 16 KiB in all); send only Authorization and Content-Type\"}]}");
    }

    @Test
    void refusals_areAudited_withTheCallersAddressAndTheReferenceTheResponseCarries() throws Exception {
        HttpResponse<String> unauthorized = harness.post("{\"query\":\"{ __typename }\"}", "wrong-token");
        HttpResponse<String> tooLarge = harness.post("{\"query\":\"" + " ".repeat(70_000) + "{ __typename }\"}", ApiHarness.TOKEN);

        assertThat(unauthorized.statusCode()).isEqualTo(401);
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(harness.audit.refusals).hasSize(2);
        AuditTrail.Refusal first = harness.audit.refusals.get(0);
        assertThat(first.status()).isEqualTo(401);
        assertThat(first.remote()).startsWith("127.0.0.1:");
        assertThat(first.reason()).isEqualTo("Missing or invalid bearer token: send 'Authorization: Bearer <token>'");
        assertThat(unauthorized.headers().firstValue("X-Request-Id")).contains(first.reference());
        assertThat(harness.audit.refusals.get(1).status()).isEqualTo(413);
        assertThat(harness.audit.refusals.get(1).reason()).isEqualTo("Request body larger than 65536 bytes");
        assertThat(io.dataexporter.api.audit.LogAuditTrail.line(first, CLOCK)).isEqualTo("{\"time\":\"2026-10-06T00:00:00Z\",\"event\":\"refused\",\"remote\":\""
                + first.remote() + "\",\"reference\":\"" + first.reference() + "\",\"status\":401,\"reason\":\"Missing or invalid bearer token: send"
                + " 'Authorization: Bearer <token>'\"}");
    }

    @Test
    void aResponseOverTheLimit_isRefusedWithTheFix_andAudited() throws Exception {
        String id = "5a0c9d1e-7b2f-4c3a-9e8d-1f2a3b4c5d6e";
        harness.sql("DELETE FROM de_internal.request_table", "INSERT INTO de_internal.request_table (de_request_id, start_time, end_time, status,"
                + " progress, error_message, launcher_ref, requested_by) VALUES ('" + id + "', 1791036000, 1791039600, 'Failed', 0, '" + "x".repeat(1000)
                + "', 'test', 'it-client')");
        StringBuilder query = new StringBuilder("query {");
        for (int i = 0; i < 8; i++) {
            query.append(" a").append(i).append(": requestStatus(requestId: \\\"").append(id).append("\\\") { status error }");
        }
        HttpResponse<String> response = harness.post("{\"query\":\"" + query.append(" }") + "\"}", ApiHarness.TOKEN);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.body()).matches("\\{\"errors\":\\[\\{\"message\":\"The response would be \\d{4,} bytes, more than the limit of 4096"
                + " \\(api.max-response-bytes\\); ask for fewer fields or aliases\",\"extensions\":\\{\"code\":\"RESPONSE_LIMIT\"}}]}");
        assertThat(harness.audit.refusals).singleElement().satisfies(refusal -> assertThat(refusal.reason()).startsWith("client it-client: The response would be"));
    }

    @Test
    void graphiql_whenTurnedOff_isNotFound() throws Exception {
        HttpResponse<String> page = harness.get("/graphiql");

        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.body()).isEqualTo("{\"errors\":[{\"message\":\"Not found; the API answers on POST /graphql (GraphiQL at /graphiql)\"}]}");
    }

    private static HttpResponse<String> probe(String path) throws Exception {
        return harness.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + harness.app.probePort() + path)).timeout(Duration.ofSeconds(5))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String raw(String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", harness.app.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
