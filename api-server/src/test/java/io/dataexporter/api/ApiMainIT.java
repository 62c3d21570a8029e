package io.dataexporter.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataexporter.common.config.StackEndpoints;
import io.dataexporter.localstack.LocalStack;
import io.dataexporter.localstack.TestStack;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The runnable jar as the container runs it: {@code java -jar}, configured by environment variables alone. */
class ApiMainIT {

    private static final Path JAR = Path.of("target/data-exporter-api-server-0.1.0-SNAPSHOT-runnable.jar");

    @Test
    void runnableJar_holdsNoSpark_startsFromTheEnvironmentAlone_andAnswersReadyz() throws Exception {
        assertThat(JAR).exists();
        try (java.util.jar.JarFile zip = new java.util.jar.JarFile(JAR.toFile())) {
            assertThat(zip.stream().filter(entry -> entry.getName().startsWith("org/apache/spark/") || entry.getName().startsWith("scala/")
                    || entry.getName().startsWith("io/dataexporter/jobs/")).count()).isZero();
            assertThat(zip.getManifest().getMainAttributes().getValue("Main-Class")).isEqualTo("io.dataexporter.api.ApiMain");
        }
        int port = freePort();
        Path log = Files.createTempFile("api-main", ".log");
        ProcessBuilder builder = new ProcessBuilder(javaBin(), "-jar", JAR.toString()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().clear();
        builder.environment().putAll(environment(port));
        Process process = builder.start();
        try {
            awaitListening(port);
            HttpResponse<String> ready = get(port, "/readyz");

            assertThat(ready.statusCode()).as(Files.readString(log)).isEqualTo(200);
            assertThat(ready.body()).isEqualTo("ready\n");
        } finally {
            process.destroy();
            process.waitFor();
        }
        assertThat(Files.readString(log)).contains("Data Exporter API on http://127.0.0.1:" + port + "/graphql").doesNotContain(TestStack.get().endpoints().s3SecretKey());
    }

    @Test
    void migrate_createsTheControlTables_thenFindsNothingToDo() throws Exception {
        try (Connection connection = TestStack.get().openConnection(); Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS de_internal CASCADE");
        }

        // the control database's settings are all it needs
        StackEndpoints endpoints = TestStack.get().endpoints();
        Map<String, String> control = Map.of("PATH", System.getenv().getOrDefault("PATH", "/usr/bin"), "DATA_EXPORTER_CONTROL_JDBC_URL", endpoints.jdbcUrl(),
                "DATA_EXPORTER_CONTROL_USER", endpoints.user(), "DATA_EXPORTER_CONTROL_PASSWORD", endpoints.password());
        assertThat(runJar(control, "migrate")).isEqualTo("Control database migrated: 2 migration(s) applied, schema de_internal at version 2\n");
        assertThat(runJar(control, "migrate")).isEqualTo("Control database migrated: 0 migration(s) applied, schema de_internal at version 2\n");
    }

    // the jar's standard output; it must exit 0
    private static String runJar(Map<String, String> environment, String... arguments) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(javaBin(), "-jar", JAR.toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String errors = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output + errors).isZero();
        return output;
    }

    @Test
    void submitScheduled_dryRun_printsTheEmrStepItWouldAdd_asTheJobRole() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(javaBin(), "-jar", JAR.toString(), "submit-scheduled", "--date", "2026-10-04", "--dry-run")
                .redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(environment(freePort()));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.waitFor()).as(output).isZero();
        assertThat(output).isEqualTo("""
                {
                  "JobFlowId" : "j-1K48XXXXXXHCB",
                  "ExecutionRoleArn" : "arn:aws:iam::123456789012:role/data-exporter-emr-job",
                  "Steps" : [ {
                    "Name" : "data-exporter scheduled 2026-10-04",
                    "ActionOnFailure" : "CONTINUE",
                    "HadoopJarStep" : {
                      "Jar" : "command-runner.jar",
                      "Args" : [ "spark-submit", "--deploy-mode", "cluster", "--class", "io.dataexporter.jobs.export.ScheduledExport", "--conf", \
                "spark.sql.session.timeZone=UTC", "--conf", "spark.scheduler.mode=FAIR", "--jars", \
                "/usr/share/aws/redshift/jdbc/RedshiftJDBC.jar,/usr/share/aws/redshift/spark-redshift/lib/spark-redshift.jar,\
                /usr/share/aws/redshift/spark-redshift/lib/spark-avro.jar", "s3://artifacts/data-exporter-jobs-emr.jar", "--env", "it-main", "--date", "2026-10-04" ]
                    }
                  } ]
                }
                """);
    }

    private static Map<String, String> environment(int port) {
        LocalStack stack = TestStack.get();
        StackEndpoints endpoints = stack.endpoints();
        return Map.ofEntries(Map.entry("PATH", System.getenv().getOrDefault("PATH", "/usr/bin")), Map.entry("DATA_EXPORTER_API_PORT", String.valueOf(port)),
                Map.entry("DATA_EXPORTER_API_HOST", "127.0.0.1"), Map.entry("DATA_EXPORTER_EXPORT_ENV", "it-main"),
                Map.entry("DATA_EXPORTER_S3_BUCKET", endpoints.bucket()), Map.entry("DATA_EXPORTER_S3_ENDPOINT", endpoints.s3Endpoint().toString()),
                Map.entry("DATA_EXPORTER_S3_REGION", endpoints.s3Region()), Map.entry("DATA_EXPORTER_S3_ACCESS_KEY", endpoints.s3AccessKey()),
                Map.entry("DATA_EXPORTER_S3_SECRET_KEY", endpoints.s3SecretKey()), Map.entry("DATA_EXPORTER_CONTROL_JDBC_URL", endpoints.jdbcUrl()),
                Map.entry("DATA_EXPORTER_CONTROL_USER", endpoints.user()), Map.entry("DATA_EXPORTER_CONTROL_PASSWORD", endpoints.password()),
                Map.entry("DATA_EXPORTER_API_LAUNCHER", "emr-step"), Map.entry("DATA_EXPORTER_API_EMR_CLUSTER_ID", "j-1K48XXXXXXHCB"),
                Map.entry("DATA_EXPORTER_API_EMR_EXECUTION_ROLE_ARN", "arn:aws:iam::123456789012:role/data-exporter-emr-job"),
                Map.entry("DATA_EXPORTER_API_EMR_JAR", "s3://artifacts/data-exporter-jobs-emr.jar"),
                Map.entry("DATA_EXPORTER_API_TOKENS", "databricks=" + io.dataexporter.api.http.BearerAuth.sha256("token-from-env")));
    }

    // waits until the server answers /healthz (liveness, which needs no database), whatever readiness says
    private static void awaitListening(int port) throws Exception {
        IOException last = null;
        for (int i = 0; i < 150; i++) {
            try {
                get(port, "/healthz");
                return;
            } catch (IOException e) {
                last = e;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the server never answered /healthz", last);
    }

    private static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
