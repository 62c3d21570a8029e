package io.dataexporter.cli;

import io.dataexporter.api.ApiApplication;
import io.dataexporter.common.config.StackEndpoints;
import io.dataexporter.common.config.StackProperties;
import io.dataexporter.common.range.RangeLayout;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code bench --api}: the latency of {@code requestStatus} over HTTP on loopback, for a completed request of 100 files,
 * at 1, 50 and 200 concurrent clients. Bounded: at most {@value #CALLS_PER_CLIENT} calls a client, and 60 s a level.
 */
public final class ApiLatencyBench {

    static final int FILES = 100;
    static final int CALLS_PER_CLIENT = 40;
    private static final long START = 1791036000;
    private static final long END = START + 3600;

    private ApiLatencyBench() {
    }

    /** Prints p50, p95 and p99 per level; returns the p99 at the highest level, in milliseconds. */
    public static double measure(Path stackDirectory, StackEndpoints endpoints, PrintWriter out) throws Exception {
        UUID id = UUID.randomUUID();
        AtomicInteger audited = new AtomicInteger();
        try (ApiApplication api = ServeCommand.start(stackDirectory, null, 0, "127.0.0.1", null, entry -> audited.incrementAndGet())) {
            prepareCompletedRequest(endpoints, id, "local");
            String token = StackProperties.values(stackDirectory.resolve(StackProperties.FILE_NAME)).get("api.token");
            String body = "{\"query\":\"query { requestStatus(requestId: \\\"" + id + "\\\") { status dataRequestDownloadLinks } }\"}";
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + "/graphql")).timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            check(http.send(request, HttpResponse.BodyHandlers.ofString()));
            out.println("| concurrent clients | calls | p50 ms | p95 ms | p99 ms |");
            out.println("| ---: | ---: | ---: | ---: | ---: |");
            double lastP99 = 0;
            for (int clients : List.of(1, 50, 200)) {
                List<Long> latencies = load(http, request, clients);
                lastP99 = percentile(latencies, 0.99);
                out.printf(Locale.ROOT, "| %d | %d | %.1f | %.1f | %.1f |%n", clients, latencies.size(), percentile(latencies, 0.50),
                        percentile(latencies, 0.95), lastP99);
                out.flush();
            }
            return lastP99;
        }
    }

    private static List<Long> load(HttpClient http, HttpRequest request, int clients) throws Exception {
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                running.add(pool.submit(() -> {
                    for (int i = 0; i < CALLS_PER_CLIENT && System.nanoTime() < deadline; i++) {
                        long begin = System.nanoTime();
                        check(http.send(request, HttpResponse.BodyHandlers.ofString()));
                        latencies.add(System.nanoTime() - begin);
                    }
                    return null;
                }));
            }
            for (Future<?> future : running) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return latencies;
    }

    private static void check(HttpResponse<String> response) {
        if (response.statusCode() != 200 || !response.body().contains("\"Completed\"")) {
            throw new IllegalStateException("requestStatus answered HTTP " + response.statusCode() + ": " + response.body());
        }
    }

    private static double percentile(List<Long> nanos, double quantile) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(quantile * sorted.size()) - 1)) / 1e6;
    }

    // A completed request whose one table has FILES files and their manifest, as the range export leaves them.
    private static void prepareCompletedRequest(StackEndpoints endpoints, UUID id, String env) throws Exception {
        String folder = RangeLayout.folder(env, "bench_files", START, END, id);
        StringBuilder entries = new StringBuilder();
        try (S3Client s3 = S3Client.builder().endpointOverride(endpoints.s3Endpoint()).region(Region.of(endpoints.s3Region())).forcePathStyle(true)
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(endpoints.s3AccessKey(), endpoints.s3SecretKey())))
                .build()) {
            for (int i = 0; i < FILES; i++) {
                String key = folder + RangeLayout.fileName("bench_files", i);
                s3.putObject(put -> put.bucket(endpoints.bucket()).key(key), RequestBody.fromString("parquet bytes " + i));
                entries.append(i == 0 ? "" : ",").append("{\"url\":\"s3://").append(endpoints.bucket()).append('/').append(key)
                        .append("\",\"meta\":{\"content_length\":15,\"record_count\":1}}");
            }
            s3.putObject(put -> put.bucket(endpoints.bucket()).key(folder + RangeLayout.MANIFEST), RequestBody.fromString("{\"entries\":[" + entries + "]}"));
        }
        try (Connection connection = DriverManager.getConnection(endpoints.jdbcUrl(), endpoints.user(), endpoints.password());
             Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO de_internal.request_table (de_request_id, start_time, end_time, status, progress, launcher_ref, exported_tables,"
                    + " requested_by) VALUES ('" + id + "', " + START + ", " + END + ", 'Completed', 100, 'bench', 'bench_files', 'bench')");
        }
    }
}
