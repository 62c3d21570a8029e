package io.dataexporter.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataexporter.api.audit.AuditTrail;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
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
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The API under slow, odd and greedy clients, and with an AWS endpoint that never answers. Loopback only, every wait bounded. */
class ApiRobustnessIT {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-10-06T00:00:00Z"), ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static ApiHarness harness;

    @BeforeAll
    static void start() throws Exception {
        harness = new ApiHarness(Map.of("api.max-concurrent-exports", "4", "api.queue-capacity", "8", "api.max-in-flight-per-client", "2",
                "api.http.threads", "8", "api.http.idle-timeout-seconds", "30"), CLOCK);
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    @BeforeEach
    void emptyRequests() throws Exception {
        harness.sql("DELETE FROM de_internal.request_table");
        harness.launcher.launched.clear();
        harness.audit.entries.clear();
    }

    @Test
    void halfSentRequests_moreThanWorkerThreads_leaveHealthzAnswering() throws Exception {
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 40; i++) {
                Socket socket = new Socket("127.0.0.1", harness.app.port());
                socket.getOutputStream().write("POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer x".getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                slow.add(socket);
            }
            HttpResponse<String> health = harness.http.send(HttpRequest.newBuilder(URI.create(harness.url("/healthz"))).timeout(Duration.ofSeconds(5))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());

            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).isEqualTo("ok\n");
        } finally {
            for (Socket socket : slow) {
                socket.close();
            }
        }
    }

    @Test
    void slowBodiesOfAuthenticatedClients_moreThanWorkerThreads_leaveHealthzAndStatusAnswering() throws Exception {
        List<Socket> slow = new ArrayList<>();
        java.util.concurrent.ScheduledExecutorService trickle = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        try {
            for (int i = 0; i < 24; i++) {
                Socket socket = new Socket("127.0.0.1", harness.app.port());
                socket.getOutputStream().write(("POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + ApiHarness.TOKEN
                        + "\r\nContent-Type: application/json\r\nContent-Length: 60000\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                slow.add(socket);
            }
            // a byte every two seconds from each: alive for the idle timeout, far below any useful data rate
            trickle.scheduleAtFixedRate(() -> slow.forEach(socket -> {
                try {
                    socket.getOutputStream().write(' ');
                    socket.getOutputStream().flush();
                } catch (java.io.IOException e) {
                    // the server closed it
                }
            }), 2, 2, java.util.concurrent.TimeUnit.SECONDS);
            Thread.sleep(4_000);
            HttpResponse<String> health = harness.http.send(HttpRequest.newBuilder(URI.create(harness.url("/healthz"))).timeout(Duration.ofSeconds(5))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> status = harness.http.send(HttpRequest.newBuilder(URI.create(harness.url("/graphql"))).timeout(Duration.ofSeconds(5))
                    .header("Authorization", "Bearer " + ApiHarness.TOKEN).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"query { requestStatus(requestId: \\\"0f5c3b8e-4d3a-4a52-9a55-8f1f1c2d3e4f\\\") { status } }\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());

            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(status.statusCode()).as(status.body()).isEqualTo(200);
            assertThat(status.body()).contains("Request has not been requested");
        } finally {
            trickle.shutdownNow();
            for (Socket socket : slow) {
                socket.close();
            }
        }
    }

    @Test
    void graphiql_fillsInTheDevelopmentTokenOnlyForALoopbackHostName() throws Exception {
        try (ApiHarness local = new ApiHarness(Map.of(), CLOCK, Optional.of("dev-token-123"))) {
            assertThat(rawGet(local.app.port(), "127.0.0.1:" + local.app.port(), "/graphiql")).contains("data-token=\"dev-token-123\"");
            assertThat(rawGet(local.app.port(), "localhost", "/graphiql")).contains("data-token=\"dev-token-123\"");
            // a public name that DNS points at 127.0.0.1 (rebinding): the page has no token for that origin's scripts to read
            String rebound = rawGet(local.app.port(), "attacker.example:" + local.app.port(), "/graphiql");
            assertThat(rebound).contains("data-token=\"\"").doesNotContain("dev-token-123");
        }
    }

    private static String rawGet(int port, String host, String path) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void headAndOtherMethods_areAnsweredProperly_andErrorsAreJson() throws Exception {
        HttpResponse<String> head = send("HEAD", "/healthz");
        HttpResponse<String> delete = send("DELETE", "/healthz");
        HttpResponse<String> trace = send("TRACE", "/graphql");
        HttpResponse<String> unknown = send("GET", "/no-such-page-%3Cscript%3E");

        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(delete.statusCode()).isEqualTo(405);
        assertThat(delete.headers().firstValue("Allow")).contains("GET, HEAD");
        assertThat(delete.body()).isEqualTo("{\"errors\":[{\"message\":\"Method DELETE is not allowed here; use GET\"}]}");
        assertThat(trace.statusCode()).isEqualTo(405);
        assertThat(trace.headers().firstValue("Allow")).contains("POST");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).isEqualTo("{\"errors\":[{\"message\":\"Not found; the API answers on POST /graphql (GraphiQL at /graphiql)\"}]}");
        assertThat(unknown.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    }

    @Test
    void variablesThatAreNotAnObject_get400WithTheFix() throws Exception {
        HttpResponse<String> response = harness.post("{\"query\":\"{ __typename }\",\"variables\":\"abc\"}", ApiHarness.TOKEN);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("{\"errors\":[{\"message\":\"\\\"variables\\\" must be a JSON object (or absent), not string;"
                + " send {\\\"query\\\": \\\"...\\\", \\\"variables\\\": {\\\"name\\\": value}}\"}]}");
    }

    @Test
    void graphiqlsIntrospectionQuery_isAnswered_andThePageSendsSecurityHeaders() throws Exception {
        JsonNode schema = harness.graphql("query IntrospectionQuery { __schema { queryType { name } mutationType { name }"
                + " types { ...FullType } directives { name locations args { ...InputValue } } } }"
                + " fragment FullType on __Type { kind name description fields(includeDeprecated: true) { name args { ...InputValue }"
                + " type { ...TypeRef } isDeprecated } inputFields { ...InputValue } interfaces { ...TypeRef } enumValues(includeDeprecated: true)"
                + " { name } possibleTypes { ...TypeRef } }"
                + " fragment InputValue on __InputValue { name description type { ...TypeRef } defaultValue }"
                + " fragment TypeRef on __Type { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType"
                + " { kind name ofType { kind name ofType { kind name } } } } } } } }");
        HttpResponse<String> page = harness.get("/graphiql");

        assertThat(schema.get("errors")).as(schema.toString()).isNull();
        assertThat(schema.get("data").get("__schema").get("mutationType").get("name").asText()).isEqualTo("Mutation");
        assertThat(page.headers().firstValue("Content-Security-Policy")).contains("default-src 'none'; script-src 'self';"
                + " style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none';"
                + " base-uri 'none'; form-action 'none'");
        assertThat(page.headers().firstValue("X-Frame-Options")).contains("DENY");
        assertThat(page.body()).contains("data-token=\"\"").doesNotContain("<script>");
    }

    @Test
    void everyMutation_isAudited_theRequesterIsStored_andOneClientCannotTakeEverySlot() throws Exception {
        String first = harness.graphql("mutation { requestData(startTime: 1791036000, endTime: 1791039600) }").get("data").get("requestData").asText();
        harness.graphql("mutation { requestData(startTime: 1791039600, endTime: 1791043200) }");
        JsonNode third = harness.graphql("mutation { requestData(startTime: 1791043200, endTime: 1791046800) }");
        String other = harness.graphql("mutation { requestData(startTime: 1791043200, endTime: 1791046800) }", ApiHarness.OTHER_TOKEN)
                .get("data").get("requestData").asText();
        harness.graphql("mutation { requestStatus(requestId: \"" + first + "\") { status } }");

        assertThat(third.get("errors").get(0).get("message").asText())
                .isEqualTo("Client it-client already has 2 requests in flight (limit 2 per client). Wait for one to finish, then ask again.");
        assertThat(harness.audit.entries.get(0)).isEqualTo(new AuditTrail.Entry("it-client", "requestData", OptionalLong.of(1791036000),
                OptionalLong.of(1791039600), Optional.of(first), "queued"));
        assertThat(harness.audit.entries).extracting(AuditTrail.Entry::client, AuditTrail.Entry::operation, AuditTrail.Entry::outcome).containsExactly(
                org.assertj.core.groups.Tuple.tuple("it-client", "requestData", "queued"),
                org.assertj.core.groups.Tuple.tuple("it-client", "requestData", "queued"),
                org.assertj.core.groups.Tuple.tuple("it-client", "requestData", "refused: Client it-client already has 2 requests in flight (limit 2 per"
                        + " client). Wait for one to finish, then ask again."),
                org.assertj.core.groups.Tuple.tuple("other-client", "requestData", "queued"),
                org.assertj.core.groups.Tuple.tuple("it-client", "requestStatus", "In Progress"));
        assertThat(io.dataexporter.api.audit.LogAuditTrail.line(harness.audit.entries.get(0), CLOCK)).isEqualTo("{\"time\":\"2026-10-06T00:00:00Z\","
                + "\"event\":\"audit\",\"client\":\"it-client\",\"operation\":\"requestData\",\"start\":1791036000,\"end\":1791039600,"
                + "\"request_id\":\"" + first + "\",\"outcome\":\"queued\"}");
        List<String> requesters = new ArrayList<>();
        try (var connection = harness.stack.openConnection(); var statement = connection.createStatement();
             var rows = statement.executeQuery("SELECT de_request_id || ' ' || requested_by FROM de_internal.request_table ORDER BY requested_by, start_time")) {
            while (rows.next()) {
                requesters.add(rows.getString(1));
            }
        }
        assertThat(requesters).hasSize(3).contains(first + " it-client", other + " other-client");
    }

    @Test
    void anEmrEndpointThatNeverAnswers_blocksNoOtherCall_isAskedOnce_andFailsTheRequestClearly() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        try (ServerSocket silent = new ServerSocket()) {
            silent.bind(new InetSocketAddress("127.0.0.1", 0));
            Thread acceptor = new Thread(() -> swallow(silent, received), "silent-emr");
            acceptor.setDaemon(true);
            acceptor.start();
            System.setProperty("aws.accessKeyId", "AKIDEXAMPLE");
            System.setProperty("aws.secretAccessKey", "secret");
            try (ApiHarness emr = new ApiHarness(Map.of("api.launcher", "emr-step", "api.emr.endpoint", "http://127.0.0.1:" + silent.getLocalPort(),
                    "api.emr.cluster-id", "j-1K48XXXXXXHCB", "api.emr.jar", "s3://artifacts/jobs.jar", "api.aws-call-timeout-seconds", "2",
                    "api.emr.execution-role-arn", "arn:aws:iam::123456789012:role/data-exporter-emr-job"), CLOCK)) {
                long started = System.nanoTime();
                String id = emr.graphql("mutation { requestData(startTime: 1791036000, endTime: 1791039600) }").get("data").get("requestData").asText();
                String status = emr.graphql("query { requestStatus(requestId: \"" + id + "\") { status } }").get("data").get("requestStatus")
                        .get("status").asText();
                long answeredMillis = (System.nanoTime() - started) / 1_000_000;

                assertThat(status).isEqualTo("In Progress");
                assertThat(answeredMillis).as("requestData and requestStatus answered while the EMR call hangs").isLessThan(1_500);
                JsonNode failed = emr.awaitStatus(id, "Failed");
                assertThat(failed.get("error").asText()).matches("The export could not be started \\(reference [0-9a-f-]{36}\\)\\. Request the range again\\.");
                Thread.sleep(500);
                assertThat(received).hasSize(1);
                assertThat(received.get(0)).contains("ElasticMapReduce.ListSteps");
            } finally {
                System.clearProperty("aws.accessKeyId");
                System.clearProperty("aws.secretAccessKey");
            }
        }
    }

    // Accepts connections, reads what arrives, never answers.
    private static void swallow(ServerSocket server, List<String> received) {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread reader = new Thread(() -> {
                    try (InputStream in = socket.getInputStream()) {
                        byte[] buffer = new byte[8192];
                        int read = in.read(buffer);
                        if (read > 0) {
                            received.add(new String(buffer, 0, read, StandardCharsets.UTF_8));
                        }
                        in.readAllBytes();
                    } catch (java.io.IOException e) {
                        // the client gave up: expected
                    }
                });
                reader.setDaemon(true);
                reader.start();
            } catch (java.io.IOException e) {
                return;
            }
        }
    }

    private static HttpResponse<String> send(String method, String path) throws Exception {
        return harness.http.send(HttpRequest.newBuilder(URI.create(harness.url(path))).method(method, HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
