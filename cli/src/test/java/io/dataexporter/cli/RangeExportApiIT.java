package io.dataexporter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataexporter.api.ApiApplication;
import io.dataexporter.common.config.StackProperties;
import io.dataexporter.localstack.LocalStack;
import io.dataexporter.localstack.TestStack;
import io.dataexporter.localstack.seed.SeedOptions;
import io.dataexporter.localstack.seed.SyntheticWarehouse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The on-demand export end to end over HTTP: the real API server, its local launcher running RangeExport as a
 * separate JVM, presigned links downloaded with a plain HTTP client, and the files read by DuckDB.
 */
class RangeExportApiIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long START = 1791061200; // 2026-10-04 08:00 Melbourne
    private static final long END = START + 3600;
    private static LocalStack stack;
    private static ApiApplication api;
    private static String token;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        stack = TestStack.get();
        try (Connection connection = stack.openConnection()) {
            SyntheticWarehouse.seed(connection, new SeedOptions(5000, 3, SeedOptions.DEFAULT_AROUND, 11));
        }
        Path directory = Files.createTempDirectory(Path.of("target"), "range-stack-");
        StackProperties.write(directory.resolve(StackProperties.FILE_NAME), stack.endpoints());
        token = StackProperties.developmentToken(directory.resolve(StackProperties.API_TOKEN_FILE));
        Path config = directory.resolve("api.properties");
        Files.writeString(config, "export.env=it-range\napi.lease-seconds=15\napi.max-concurrent-exports=2\n");
        api = ServeCommand.start(directory, config, 0, "127.0.0.1");
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void requestData_thenStatusUntilCompleted_thenEveryLinkDownloads_withThePolicysRowCountsPerTable() throws Exception {
        String id = requestData(START, END);
        JsonNode status = awaitStatus(id, "Completed");

        assertThat(status.get("progress").asDouble()).isEqualTo(100.0);
        JsonNode links = JSON.readTree(status.get("dataRequestDownloadLinks").asText());
        Map<String, Long> exported = new TreeMap<>();
        Path downloads = Files.createTempDirectory(Path.of("target"), "downloads-");
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:"); Statement statement = duckdb.createStatement()) {
            for (Iterator<String> tables = links.fieldNames(); tables.hasNext(); ) {
                String table = tables.next();
                int index = 0;
                for (JsonNode link : links.get(table)) {
                    HttpResponse<Path> response = HTTP.send(HttpRequest.newBuilder(URI.create(link.asText())).GET().build(),
                            HttpResponse.BodyHandlers.ofFile(downloads.resolve(table + "_" + index++ + ".parquet")));
                    assertThat(response.statusCode()).as(link.asText()).isEqualTo(200);
                    try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM read_parquet('" + response.body() + "')")) {
                        rows.next();
                        exported.merge(table, rows.getLong(1), Long::sum);
                    }
                }
            }
        }
        String window = " >= to_timestamp(" + START + ") AND %s < to_timestamp(" + END + ")";
        Map<String, Long> expected = new TreeMap<>();
        expected.put("cctv_event", count("SELECT count(*) FROM pm_internal.cctv_event WHERE event_time" + window.formatted("event_time")));
        expected.put("incident", count("SELECT count(*) FROM pm_internal.incident WHERE reported_at" + window.formatted("reported_at")));
        expected.put("metrics_long", count("SELECT count(*) FROM pm_internal.metrics_long WHERE upper(btrim(metric_name)) IN ('VOLUME', 'OCCUPANCY', 'TRAVEL_TIME')"
                + " AND ts" + window.formatted("ts")));
        expected.put("way", count("SELECT count(*) FROM pm_internal.way"));
        expected.put("way_speed", count("SELECT count(*) FROM pm_internal.way_speed WHERE ts" + window.formatted("ts")));
        assertThat(exported).isEqualTo(expected);
        assertThat(expected.get("way_speed")).isPositive();
    }

    @Test
    void consumerNotebooksClient_requestsPollsAndDownloadsEveryLink_withTheManifestsByteCounts() throws Exception {
        assertThat(pythonWithRequests()).as("python3 with the requests package runs the consumer notebook's client; install it with:"
                + " python3 -m pip install requests (.ci/run does this when it is missing)").isTrue();
        Path work = Files.createTempDirectory(Path.of("target"), "consumer-");
        Path client = work.resolve("client.py");
        Files.writeString(client, clientCells(Path.of("../notebooks/databricks_consumer.ipynb")) + String.join("\n",
                "",
                "import sys",
                "request_id = request_data(" + (START - 3600) + ", " + START + ")",
                "status = wait_until_done(request_id, timeout_seconds=240, first_wait=0.5, longest_wait=2.0)",
                "files = download_all(request_id, status, sys.argv[1])",
                "print('REQUEST_ID=' + request_id)",
                "print('SIZES=' + json.dumps({table: [p.stat().st_size for p in paths] for table, paths in files.items()}, sort_keys=True))",
                ""));
        ProcessBuilder builder = new ProcessBuilder("python3", client.toString(), work.resolve("downloads").toString()).redirectErrorStream(true);
        builder.environment().put("DATA_EXPORTER_API_URL", "http://127.0.0.1:" + api.port() + "/graphql");
        builder.environment().put("DATA_EXPORTER_API_TOKEN", token);
        Process python = builder.start();
        String output = new String(python.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);

        assertThat(python.waitFor()).as(output).isZero();
        String requestId = output.lines().filter(line -> line.startsWith("REQUEST_ID=")).findFirst().orElseThrow().substring("REQUEST_ID=".length());
        JsonNode sizes = JSON.readTree(output.lines().filter(line -> line.startsWith("SIZES=")).findFirst().orElseThrow().substring("SIZES=".length()));
        Map<String, java.util.List<Long>> expected = new TreeMap<>();
        try (var s3 = io.dataexporter.localstack.TestS3.client(stack.endpoints())) {
            for (String table : java.util.List.of("cctv_event", "incident", "metrics_long", "way", "way_speed")) {
                String key = io.dataexporter.common.range.RangeLayout.folder("it-range", table, START - 3600, START, java.util.UUID.fromString(requestId))
                        + io.dataexporter.common.range.RangeLayout.MANIFEST;
                JsonNode manifest = JSON.readTree(s3.getObjectAsBytes(get -> get.bucket(stack.endpoints().bucket()).key(key)).asUtf8String());
                java.util.List<Long> lengths = new java.util.ArrayList<>();
                manifest.get("entries").forEach(entry -> lengths.add(entry.get("meta").get("content_length").asLong()));
                expected.put(table, lengths);
            }
        }
        Map<String, java.util.List<Long>> downloaded = new TreeMap<>();
        sizes.fieldNames().forEachRemaining(table -> {
            java.util.List<Long> lengths = new java.util.ArrayList<>();
            sizes.get(table).forEach(size -> lengths.add(size.asLong()));
            downloaded.put(table, lengths);
        });
        assertThat(downloaded).isEqualTo(expected);
        assertThat(expected.get("way_speed")).isNotEmpty();
    }

    // The notebook's cells tagged "client", in order: the API client as a Databricks user runs it.
    private static String clientCells(Path notebook) throws Exception {
        StringBuilder code = new StringBuilder();
        for (JsonNode cell : JSON.readTree(Files.readString(notebook)).get("cells")) {
            boolean client = false;
            for (JsonNode tag : cell.path("metadata").path("tags")) {
                client |= tag.asText().equals("client");
            }
            if (client) {
                cell.get("source").forEach(line -> code.append(line.asText()));
                code.append("\n\n");
            }
        }
        return code.toString();
    }

    private static boolean pythonWithRequests() {
        try {
            Process probe = new ProcessBuilder("python3", "-c", "import requests").redirectErrorStream(true).start();
            return probe.waitFor() == 0;
        } catch (java.io.IOException | InterruptedException e) {
            return false;
        }
    }

    @Test
    void aKilledExport_endsFailedAfterTheLease_andANewRequestThenSucceeds() throws Exception {
        String first = requestData(START - 7200, START - 3600);
        long pid = awaitPid(first);
        awaitHeartbeat(first);
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);

        JsonNode failed = awaitStatus(first, "Failed");
        assertThat(failed.get("error").asText()).startsWith("The export stopped responding: no heartbeat for more than 15 s");
        String second = requestData(START - 7200, START - 3600);
        assertThat(second).isNotEqualTo(first);
        assertThat(awaitStatus(second, "Completed").get("progress").asDouble()).isEqualTo(100.0);
    }

    private static long awaitPid(String id) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            String ref = string("SELECT coalesce(launcher_ref, '') FROM de_internal.request_table WHERE de_request_id = '" + id + "'");
            if (ref.startsWith("local pid ")) {
                return Long.parseLong(ref.substring("local pid ".length()).split(" ")[0]);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("Request " + id + " was never launched");
    }

    private static void awaitHeartbeat(String id) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            if (count("SELECT count(*) FROM de_internal.request_table WHERE heartbeat_at IS NOT NULL AND de_request_id = '" + id + "'") == 1) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("Request " + id + " never sent a heartbeat");
    }

    private static String requestData(long start, long end) throws Exception {
        return graphql("mutation { requestData(startTime: " + start + ", endTime: " + end + ") }").get("requestData").asText();
    }

    private static JsonNode awaitStatus(String id, String wanted) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        JsonNode status = null;
        while (Instant.now().isBefore(deadline)) {
            status = graphql("mutation { requestStatus(requestId: \"" + id + "\") { status progress dataRequestDownloadLinks error } }").get("requestStatus");
            if (wanted.equals(status.get("status").asText())) {
                return status;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("Request " + id + " never became " + wanted + "; last status " + status);
    }

    private static JsonNode graphql(String query) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + "/graphql"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("query", query)))).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = JSON.readTree(response.body());
        if (body.has("errors")) {
            throw new AssertionError(body.toString());
        }
        return body.get("data");
    }

    private static long count(String sql) throws Exception {
        return Long.parseLong(string(sql));
    }

    private static String string(String sql) throws Exception {
        try (Connection connection = stack.openConnection(); Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getString(1);
        }
    }
}
