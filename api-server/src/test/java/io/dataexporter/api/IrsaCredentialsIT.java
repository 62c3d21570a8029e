package io.dataexporter.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.dataexporter.api.http.BearerAuth;
import io.dataexporter.common.config.StackEndpoints;
import io.dataexporter.common.control.ControlMigrations;
import io.dataexporter.common.range.RangeLayout;
import io.dataexporter.localstack.TestStack;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The runnable API jar as a pod with IRSA runs it: no keys, only the web identity token file and the role in the
 * environment. An STS on loopback answers AssumeRoleWithWebIdentity; the S3 calls the API makes (to an S3 on loopback that
 * serves the request's manifest) and the links it signs carry the credentials STS returned, so the jar really takes the
 * pod's role.
 */
class IrsaCredentialsIT {

    private static final Path JAR = Path.of("target/data-exporter-api-server-0.1.0-SNAPSHOT-runnable.jar");
    private static final String ROLE = "arn:aws:iam::123456789012:role/data-exporter-api";

    @Test
    void runnableJar_withAWebIdentityToken_assumesTheRoleThroughSts_andSignsLinksWithThoseCredentials() throws Exception {
        StackEndpoints stack = TestStack.get().endpoints();
        UUID id = UUID.fromString("8e1f5c2e-1d2a-4c3b-9e8f-7a6b5c4d3e2f");
        String folder = RangeLayout.folder("it-irsa", "way_speed", 1791036000, 1791039600, id);
        try (Connection connection = TestStack.get().openConnection(); Statement statement = connection.createStatement()) {
            ControlMigrations.migrate(connection);
            statement.execute("INSERT INTO de_internal.request_table (de_request_id, start_time, end_time, status, progress, launcher_ref,"
                    + " requested_by) VALUES ('" + id + "', 1791036000, 1791039600, 'Completed', 100, 'test', 'databricks') ON CONFLICT DO NOTHING");
            statement.execute("UPDATE de_internal.request_table SET exported_tables = 'way_speed' WHERE de_request_id = '" + id + "'");
        }
        // an S3 that serves the request's manifest and keeps each request's credential and session token
        List<String> s3Calls = new CopyOnWriteArrayList<>();
        HttpServer s3 = s3(s3Calls, folder, "{\"entries\":[{\"url\":\"s3://it-irsa-bucket/" + folder + "way_speed_000.parquet\",\"meta\":{\"content_length\":9,"
                + "\"record_count\":1}}]}");
        Path token = Files.createTempFile(Path.of("target"), "web-identity-", ".jwt");
        Files.writeString(token, "eyJhbGciOiJSUzI1NiJ9.pod-token.signature");
        List<String> stsCalls = new CopyOnWriteArrayList<>();
        HttpServer sts = sts(stsCalls);
        int port = freePort();
        Map<String, String> environment = new HashMap<>(Map.of("PATH", System.getenv().getOrDefault("PATH", "/usr/bin"),
                "DATA_EXPORTER_API_PORT", String.valueOf(port), "DATA_EXPORTER_API_HOST", "127.0.0.1", "DATA_EXPORTER_EXPORT_ENV", "it-irsa",
                "DATA_EXPORTER_S3_BUCKET", "it-irsa-bucket", "DATA_EXPORTER_S3_ENDPOINT", "http://127.0.0.1:" + s3.getAddress().getPort(),
                "DATA_EXPORTER_S3_REGION", "ap-southeast-2", "DATA_EXPORTER_CONTROL_JDBC_URL", stack.jdbcUrl(),
                "DATA_EXPORTER_CONTROL_USER", stack.user(), "DATA_EXPORTER_API_LAUNCHER", "emr-step"));
        environment.put("DATA_EXPORTER_API_EMR_EXECUTION_ROLE_ARN", "arn:aws:iam::123456789012:role/data-exporter-emr-job");
        environment.putAll(Map.of("DATA_EXPORTER_API_EMR_CLUSTER_ID", "j-1K48XXXXXXHCB", "DATA_EXPORTER_API_EMR_JAR", "s3://artifacts/data-exporter-jobs-emr.jar",
                "DATA_EXPORTER_API_TOKENS", "databricks=" + BearerAuth.sha256("token-from-env"),
                // what EKS puts into a pod whose service account has a role
                "AWS_WEB_IDENTITY_TOKEN_FILE", token.toAbsolutePath().toString(), "AWS_ROLE_ARN", ROLE, "AWS_REGION", "ap-southeast-2",
                "AWS_ENDPOINT_URL_STS", "http://127.0.0.1:" + sts.getAddress().getPort()));
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString())
                .redirectErrorStream(true).redirectOutput(Files.createTempFile(Path.of("target"), "irsa", ".log").toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        Process api = builder.start();
        try {
            String links = requestStatusLinks(port, id);

            assertThat(links).contains(folder + "way_speed_000.parquet?").contains("X-Amz-Credential=ASIAIRSATEST00000001%2F")
                    .contains("X-Amz-Security-Token=irsa-session-token");
            assertThat(s3Calls).anySatisfy(call -> assertThat(call).startsWith("GET /it-irsa-bucket/" + folder + "manifest ")).allSatisfy(call -> assertThat(call)
                    .contains(" Credential=ASIAIRSATEST00000001/").endsWith(" irsa-session-token"));
            assertThat(stsCalls).isNotEmpty();
            Map<String, String> call = form(stsCalls.get(0));
            assertThat(call).containsEntry("Action", "AssumeRoleWithWebIdentity").containsEntry("RoleArn", ROLE)
                    .containsEntry("WebIdentityToken", "eyJhbGciOiJSUzI1NiJ9.pod-token.signature");
        } finally {
            api.destroy();
            api.waitFor();
            sts.stop(0);
            s3.stop(0);
        }
    }

    // lists the request's folder (the manifest and one file) and serves the manifest; keeps "METHOD path" of each call with
    // the Authorization header's credential and the session token
    private static HttpServer s3(List<String> calls, String folder, String manifest) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String authorization = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"));
            String credential = authorization.replaceAll(".*(Credential=[^,]*).*", "$1");
            String path = exchange.getRequestURI().getPath();
            calls.add(exchange.getRequestMethod() + " " + path + " " + credential + " " + exchange.getRequestHeaders().getFirst("X-Amz-Security-Token"));
            String query = String.valueOf(exchange.getRequestURI().getQuery());
            String body = query.contains("list-type=2")
                    ? "<?xml version=\"1.0\" encoding=\"UTF-8\"?><ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Name>it-irsa-bucket</Name>"
                    + "<Prefix>" + folder + "</Prefix><KeyCount>2</KeyCount><MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated>"
                    + "<Contents><Key>" + folder + "manifest</Key><Size>" + manifest.length() + "</Size></Contents>"
                    + "<Contents><Key>" + folder + "way_speed_000.parquet</Key><Size>9</Size></Contents></ListBucketResult>"
                    : path.endsWith("/manifest") ? manifest : null;
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
            } else {
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, bytes.length);
                exchange.getResponseBody().write(bytes);
            }
            exchange.close();
        });
        server.start();
        return server;
    }

    private static String requestStatusLinks(int port, UUID id) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String body = "{\"query\":\"query { requestStatus(requestId: \\\"" + id + "\\\") { status dataRequestDownloadLinks } }\"}";
        Exception last = null;
        for (int i = 0; i < 150; i++) {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/graphql"))
                        .header("Content-Type", "application/json").header("Authorization", "Bearer token-from-env").timeout(Duration.ofSeconds(20))
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                assertThat(response.body()).as(response.body()).contains("\"status\":\"Completed\"");
                return response.body();
            } catch (IOException e) {
                last = e;
                Thread.sleep(200);
            }
        }
        throw new AssertionError("the API never answered", last);
    }

    private static HttpServer sts(List<String> calls) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            calls.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] response = ("<AssumeRoleWithWebIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><AssumeRoleWithWebIdentityResult>"
                    + "<Credentials><AccessKeyId>ASIAIRSATEST00000001</AccessKeyId><SecretAccessKey>irsa-secret-key</SecretAccessKey>"
                    + "<SessionToken>irsa-session-token</SessionToken><Expiration>2099-01-01T00:00:00Z</Expiration></Credentials>"
                    + "<SubjectFromWebIdentityToken>system:serviceaccount:data-exporter:data-exporter-api</SubjectFromWebIdentityToken>"
                    + "<AssumedRoleUser><AssumedRoleId>AROAEXAMPLE:pod</AssumedRoleId><Arn>arn:aws:sts::123456789012:assumed-role/data-exporter-api/pod</Arn>"
                    + "</AssumedRoleUser></AssumeRoleWithWebIdentityResult><ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata>"
                    + "</AssumeRoleWithWebIdentityResponse>").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/xml");
            exchange.sendResponseHeaders(200, response.length);
            exchange.getResponseBody().write(response);
            exchange.close();
        });
        server.start();
        return server;
    }

    private static Map<String, String> form(String body) {
        Map<String, String> values = new TreeMap<>();
        for (String pair : body.split("&")) {
            String[] parts = pair.split("=", 2);
            values.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8), parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
        }
        return values;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
