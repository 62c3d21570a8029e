package io.dataexporter.emr;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataexporter.jobs.config.ConfigLoader;
import io.dataexporter.jobs.config.Settings;
import io.dataexporter.jobs.notify.SnsEndpoint;
import io.dataexporter.localstack.LocalStack;
import io.dataexporter.localstack.TestStack;
import io.dataexporter.localstack.seed.SeedOptions;
import io.dataexporter.localstack.seed.SyntheticWarehouse;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The nearest this machine gets to EMR: the shaded jobs jar submitted through {@code SparkSubmit} to a Spark
 * standalone cluster the test starts (a Master and a Worker, executors in JVMs of their own, a Spark home whose
 * {@code jars/} the build assembled from Maven), exporting a day of the local stack.
 */
class SparkClusterIT {

    private static final Path SPARK_HOME = Path.of("target/spark-home").toAbsolutePath();
    private static final Path JOBS_JAR = Path.of("../jobs/target/data-exporter-jobs-0.1.0-SNAPSHOT-emr.jar").toAbsolutePath();
    private static final List<String> JVM_FLAGS = List.of("-XX:+IgnoreUnrecognizedVMOptions", "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED", "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED", "--add-opens=java.base/java.net=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED", "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
            "--add-opens=java.base/sun.security.action=ALL-UNNAMED", "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
            "-Djdk.reflect.useDirectMethodHandle=false");

    @Test
    void jobsJar_submittedToAStandaloneCluster_exportsADayWithEveryTableCompleted_onExecutorsOfTheirOwn() throws Exception {
        assertThat(JOBS_JAR).exists();
        assertThat(SPARK_HOME.resolve("RELEASE")).exists();
        LocalStack stack = TestStack.get();
        try (Connection connection = stack.openConnection()) {
            SyntheticWarehouse.seed(connection, new SeedOptions(2000, 3, SeedOptions.DEFAULT_AROUND, 42));
        }
        Path run = Path.of("target/cluster-run").toAbsolutePath();
        deleteRecursively(run); // executor logs of an earlier run must not count for this one
        Files.createDirectories(run);
        SnsEndpoint sns = new SnsEndpoint();
        int masterPort = freePort();
        String master = "spark://127.0.0.1:" + masterPort;
        List<Process> cluster = new ArrayList<>();
        try {
            cluster.add(start(run, "master.log", List.of("org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port",
                    String.valueOf(masterPort), "--webui-port", String.valueOf(freePort())), Map.of()));
            cluster.add(start(run, "worker.log", List.of("org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1", "--cores", "2",
                    "--memory", "2G", "--webui-port", String.valueOf(freePort()), "--work-dir", run.resolve("work").toString(), master), Map.of()));

            Map<String, String> settings = new HashMap<>();
            ConfigLoader.stackValues(stack.endpoints()).forEach((name, value) -> settings.put(environmentName(name), value));
            settings.put(Settings.ENV.environmentName(), "it-cluster");
            settings.put(Settings.CATALOG_DATABASE.environmentName(), "it_cluster");
            settings.put(Settings.HASH_PEPPER.environmentName(), "pepper-for-the-cluster-test-01");
            // the notification goes through the jar's own (relocated) AWS SDK to an endpoint that answers like SNS
            settings.put(Settings.NOTIFIER.environmentName(), "sns");
            settings.put(Settings.SNS_TOPIC.environmentName(), "arn:aws:sns:ap-southeast-2:123456789012:data-exporter-runs");
            settings.put(Settings.SNS_ENDPOINT.environmentName(), sns.uri().toString());
            settings.put("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE");
            settings.put("AWS_SECRET_ACCESS_KEY", "cluster-test-secret");
            List<String> submit = new ArrayList<>(List.of("org.apache.spark.deploy.SparkSubmit", "--master", master, "--deploy-mode", "client",
                    "--class", "io.dataexporter.jobs.export.ScheduledExport", "--conf", "spark.executor.extraJavaOptions=" + String.join(" ", JVM_FLAGS),
                    "--conf", "spark.executor.memory=1g", "--conf", "spark.cores.max=2", "--conf", "spark.driver.host=127.0.0.1",
                    "--conf", "spark.sql.session.timeZone=UTC", "--conf", "spark.ui.enabled=false", JOBS_JAR.toString(),
                    "--date", "2026-10-04", "--max-concurrency", "2"));
            Process driver = start(run, "submit.log", submit, settings);
            boolean finished = driver.waitFor(6, TimeUnit.MINUTES);
            String output = Files.readString(run.resolve("submit.log"));

            assertThat(finished).as(output).isTrue();
            assertThat(driver.exitValue()).as(output).isZero();
            Matcher runId = Pattern.compile("Run (scheduled-\\S+):").matcher(output);
            assertThat(runId.find()).as(output).isTrue();
            assertThat(statuses(stack, runId.group(1))).isEqualTo("[cctv_event COMPLETED, classifications COMPLETED, incident COMPLETED,"
                    + " metrics_long COMPLETED, way COMPLETED, way_speed COMPLETED]");
            try (Stream<Path> executorLogs = Files.walk(run.resolve("work"))) {
                assertThat(executorLogs.filter(path -> path.getFileName().toString().equals("stderr")).toList())
                        .as("executors ran in JVMs of their own, under the Worker").isNotEmpty();
            }
            List<String> publishes = sns.bodies();
            assertThat(publishes).hasSize(1);
            assertThat(publishes.get(0)).contains("Action=Publish&").contains("TopicArn=arn%3Aaws%3Asns%3Aap-southeast-2%3A123456789012%3Adata-exporter-runs")
                    .contains("Subject=Data+Exporter+it-cluster+2026-10-04%3A+SUCCESS+%286+of+6+tables+completed%29");
        } finally {
            sns.close();
            for (Process process : cluster) {
                process.destroy();
                process.waitFor(20, TimeUnit.SECONDS);
            }
        }
    }

    private static Process start(Path run, String log, List<String> arguments, Map<String, String> environment) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g"));
        command.addAll(JVM_FLAGS);
        command.addAll(List.of("-cp", SPARK_HOME.resolve("jars") + File.separator + "*"));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).directory(run.toFile()).redirectErrorStream(true).redirectOutput(run.resolve(log).toFile());
        builder.environment().putAll(environment);
        builder.environment().put("SPARK_HOME", SPARK_HOME.toString());
        builder.environment().put("SPARK_SCALA_VERSION", "2.12");
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        return builder.start();
    }

    private static String environmentName(String setting) {
        return Settings.ALL.stream().filter(key -> key.name().equals(setting)).findFirst().orElseThrow().environmentName();
    }

    private static String statuses(LocalStack stack, String runId) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection connection = stack.openConnection(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT table_name || ' ' || status FROM de_internal.table_export_job_statuses"
                     + " WHERE run_id = '" + runId + "' ORDER BY table_name, attempt")) {
            while (result.next()) {
                rows.add(result.getString(1));
            }
        }
        return rows.toString();
    }

    private static void deleteRecursively(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
