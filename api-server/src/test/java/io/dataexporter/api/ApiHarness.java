package io.dataexporter.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataexporter.api.audit.AuditTrail;
import io.dataexporter.api.http.BearerAuth;
import io.dataexporter.api.launch.Launcher;
import io.dataexporter.common.range.RangeRequest;
import io.dataexporter.localstack.LocalStack;
import io.dataexporter.localstack.TestStack;
import io.dataexporter.localstack.seed.SeedOptions;
import io.dataexporter.localstack.seed.SyntheticWarehouse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** The real API server on the shared local stack, with a launcher that records what it was asked to start. */
final class ApiHarness implements AutoCloseable {

    static final String TOKEN = "test-token-0123456789";
    static final String OTHER_TOKEN = "other-token-0123456789";

    /** A launcher that starts nothing: requests stay in flight until their lease runs out. */
    static final class RecordingLauncher implements Launcher {
        final List<RangeRequest> launched = new CopyOnWriteArrayList<>();

        final List<String> cancelled = new CopyOnWriteArrayList<>();
        /** What happens while a launch runs (before it answers): for tests of what changes meanwhile. */
        volatile java.util.function.Consumer<RangeRequest> duringLaunch = request -> { };

        @Override
        public String launch(RangeRequest request) {
            duringLaunch.accept(request);
            launched.add(request);
            return "recorded " + launched.size();
        }

        volatile State state = State.RUNNING;

        @Override
        public void cancel(String launcherRef) {
            cancelled.add(launcherRef);
        }

        @Override
        public State state(String launcherRef) {
            return state;
        }

        @Override
        public String launchScheduled(java.time.LocalDate date) {
            throw new UnsupportedOperationException("range requests only");
        }

        @Override
        public String describeScheduled(java.time.LocalDate date) {
            throw new UnsupportedOperationException("range requests only");
        }
    }

    /** The audit entries, as the server recorded them. */
    static final class RecordingAudit implements AuditTrail {
        final List<Entry> entries = new CopyOnWriteArrayList<>();
        final List<Refusal> refusals = new CopyOnWriteArrayList<>();

        @Override
        public void record(Entry entry) {
            entries.add(entry);
        }

        @Override
        public void refused(Refusal refusal) {
            refusals.add(refusal);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    final LocalStack stack = TestStack.get();
    final RecordingLauncher launcher = new RecordingLauncher();
    final RecordingAudit audit = new RecordingAudit();
    final ApiApplication app;
    final HttpClient http = HttpClient.newHttpClient();

    ApiHarness(Map<String, String> overrides, Clock clock) throws Exception {
        this(overrides, clock, Optional.empty());
    }

    ApiHarness(Map<String, String> overrides, Clock clock, Optional<String> graphiqlToken) throws Exception {
        try (Connection connection = stack.openConnection()) {
            SyntheticWarehouse.seed(connection, new SeedOptions(SeedOptions.MIN_ROWS, 1, SeedOptions.DEFAULT_AROUND, 1));
        }
        Map<String, String> values = new HashMap<>(ApiConfig.DEFAULTS);
        values.put("api.port", "0");
        values.put("api.probe-port", "0");
        values.put("export.env", "it-api");
        values.put("s3.bucket", stack.endpoints().bucket());
        values.put("s3.endpoint", stack.endpoints().s3Endpoint().toString());
        values.put("s3.region", stack.endpoints().s3Region());
        values.put("s3.access-key", stack.endpoints().s3AccessKey());
        values.put("s3.secret-key", stack.endpoints().s3SecretKey());
        values.put("control.jdbc.url", stack.endpoints().jdbcUrl());
        values.put("control.user", stack.endpoints().user());
        values.put("control.password", stack.endpoints().password());
        values.put("api.tokens", "it-client=" + BearerAuth.sha256(TOKEN) + ",other-client=" + BearerAuth.sha256(OTHER_TOKEN));
        values.putAll(overrides);
        app = new ApiApplication(ApiConfig.from(values), "127.0.0.1", launcher, clock, audit, graphiqlToken);
    }

    String url(String path) {
        return "http://127.0.0.1:" + app.port() + path;
    }

    HttpResponse<String> post(String body, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url("/graphql"))).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode graphql(String query) throws Exception {
        return graphql(query, TOKEN);
    }

    JsonNode graphql(String query, String token) throws Exception {
        HttpResponse<String> response = post(JSON.writeValueAsString(Map.of("query", query)), token);
        if (response.statusCode() != 200) {
            throw new AssertionError("HTTP " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url(path))).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Waits (up to 10 s) until the launcher was asked for {@code count} launches: launches run off the request thread. */
    void awaitLaunched(int count) throws InterruptedException {
        await(() -> launcher.launched.size() >= count, "launches: " + launcher.launched);
    }

    void awaitCancelled(int count) throws InterruptedException {
        await(() -> launcher.cancelled.size() >= count, "cancellations: " + launcher.cancelled);
    }

    /** Polls requestStatus (up to 10 s) until the request has the status; returns the last answer. */
    JsonNode awaitStatus(String id, String status) throws Exception {
        JsonNode last = null;
        for (int i = 0; i < 100; i++) {
            last = graphql("query { requestStatus(requestId: \"" + id + "\") { status error } }").get("data").get("requestStatus");
            if (status.equals(last.get("status").asText())) {
                return last;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("request " + id + " did not become " + status + ": " + last);
    }

    private static void await(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        for (int i = 0; i < 100 && !condition.getAsBoolean(); i++) {
            Thread.sleep(100);
        }
        if (!condition.getAsBoolean()) {
            throw new AssertionError("timed out waiting; " + what);
        }
    }

    List<List<Object>> query(String sql) throws Exception {
        List<List<Object>> rows = new java.util.ArrayList<>();
        try (Connection connection = stack.openConnection(); Statement statement = connection.createStatement();
             java.sql.ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                List<Object> row = new java.util.ArrayList<>();
                for (int i = 1; i <= result.getMetaData().getColumnCount(); i++) {
                    row.add(result.getObject(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    void sql(String... statements) throws Exception {
        try (Connection connection = stack.openConnection(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    @Override
    public void close() {
        app.close();
    }
}
