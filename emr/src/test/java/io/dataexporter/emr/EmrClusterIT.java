package io.dataexporter.emr;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dataexporter.api.launch.EmrStepLauncher;
import io.dataexporter.api.links.DownloadLinks;
import io.dataexporter.api.links.SigV4UrlSigner;
import io.dataexporter.common.aws.MotoServer;
import io.dataexporter.common.range.JdbcRequestStore;
import io.dataexporter.common.range.RangeRequest;
import io.dataexporter.common.range.RequestStatus;
import io.dataexporter.emr.cluster.EmrSparkDefaults;
import io.dataexporter.emr.cluster.StandaloneCluster;
import io.dataexporter.jobs.config.ConfigLoader;
import io.dataexporter.jobs.export.ParquetReadback;
import io.dataexporter.jobs.export.PolicyExpectation;
import io.dataexporter.localstack.LocalStack;
import io.dataexporter.localstack.TestStack;
import io.dataexporter.localstack.seed.SeedOptions;
import io.dataexporter.localstack.seed.SyntheticWarehouse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Table;
import org.apache.iceberg.aws.glue.GlueCatalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.io.CloseableIterable;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Both exports as EMR runs them, on the nearest this machine gets to the target release: a Spark standalone cluster
 * whose {@code jars/} hold that release's open-source Spark, Hadoop (s3a) and Iceberg (with its Glue catalog), a
 * spark-defaults.conf made from {@code emr/cluster/configurations.json} and nothing of the product besides, and each
 * job submitted with exactly the arguments of {@code emr/steps/scheduled-export.json} and of {@link EmrStepLauncher}:
 * no {@code --config}, no {@code DATA_EXPORTER_*} variables. The AWS services are moto's (a third-party emulator): the
 * Iceberg tables are committed through Iceberg's GlueCatalog into moto's Glue, the secrets are read by ARN from its
 * Secrets Manager, and the notification is read back from an SQS queue subscribed to its SNS topic. The warehouse is
 * the emulated Redshift behind the connector, which the steps' {@code --jars} load from EMR's paths (target/emr-image).
 */
class EmrClusterIT {

    private static final Path SPARK_HOME = Path.of("target/spark-home").toAbsolutePath();
    private static final Path EMR_IMAGE = Path.of("target/emr-image").toAbsolutePath();
    private static final Path JOBS_JAR = Path.of("../jobs/target/data-exporter-jobs-0.1.0-SNAPSHOT-emr.jar").toAbsolutePath();
    private static final String DAY = "2026-10-04";
    private static final String PEPPER = "pepper-for-the-cluster-test-01";
    private static final List<String> TABLES = List.of("cctv_event", "incident", "metrics_long", "way", "way_speed");
    private static final List<String> TABLES_AND_POLICY = List.of("cctv_event", "incident", "metrics_long", "way", "way_speed",
            "classification_export_tables", "classification_data_column_classification", "classification_actual_data_classifications",
            "classification_long_table_data_classifications");

    @Test
    void bothSteps_asDeployed_onTheReleasesJars_commitToGlue_notifyThroughSns_andTheRangeLinksDownload() throws Exception {
        assertThat(JOBS_JAR).exists();
        assertThat(Files.readString(SPARK_HOME.resolve("RELEASE"))).contains(ReleaseVersionsTest.release());
        LocalStack stack = TestStack.get();
        try (Connection connection = stack.openConnection()) {
            SyntheticWarehouse.seed(connection, new SeedOptions(2000, 3, SeedOptions.DEFAULT_AROUND, 42));
        }
        MotoServer moto = MotoServer.get();
        moto.reset();
        Region region = Region.of(stack.endpoints().s3Region());
        StaticCredentialsProvider credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("moto-test", "moto-test-secret"));
        Path run = Path.of("target/emr-cluster-run").toAbsolutePath();
        deleteRecursively(run); // logs of an earlier run must not count for this one
        Files.createDirectories(run);

        try (SecretsManagerClient secrets = SecretsManagerClient.builder().endpointOverride(moto.endpoint()).region(region).credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create()).build();
             SnsClient sns = SnsClient.builder().endpointOverride(moto.endpoint()).region(region).credentialsProvider(credentials)
                     .httpClient(UrlConnectionHttpClient.create()).build();
             SqsClient sqs = SqsClient.builder().endpointOverride(moto.endpoint()).region(region).credentialsProvider(credentials)
                     .httpClient(UrlConnectionHttpClient.create()).build();
             GlueClient glue = GlueClient.builder().endpointOverride(moto.endpoint()).region(region).credentialsProvider(credentials)
                     .httpClient(UrlConnectionHttpClient.create()).build()) {
            String password = "{\"password\": \"" + stack.endpoints().password() + "\"}";
            String warehouseSecret = secrets.createSecret(create -> create.name("data-exporter/warehouse").secretString(password)).arn();
            String controlSecret = secrets.createSecret(create -> create.name("data-exporter/control-jobs").secretString(password)).arn();
            String pepperSecret = secrets.createSecret(create -> create.name("data-exporter/pepper").secretString(PEPPER)).arn();
            String topic = sns.createTopic(create -> create.name("data-exporter-runs")).topicArn();
            String queue = sqs.createQueue(create -> create.queueName("data-exporter-runs-it")).queueUrl();
            String queueArn = sqs.getQueueAttributes(get -> get.queueUrl(queue).attributeNamesWithStrings("QueueArn")).attributesAsStrings().get("QueueArn");
            sns.subscribe(subscribe -> subscribe.topicArn(topic).protocol("sqs").endpoint(queueArn));

            Map<String, String> environment = Map.of("AWS_ACCESS_KEY_ID", stack.endpoints().s3AccessKey(), "AWS_SECRET_ACCESS_KEY",
                    stack.endpoints().s3SecretKey(), "AWS_REGION", region.id());
            try (StandaloneCluster cluster = new StandaloneCluster(SPARK_HOME, run, environment)) {
                cluster.sparkDefaults(sparkDefaults(stack, moto, cluster, topic, warehouseSecret, controlSecret, pepperSecret));

                // the daily step, exactly as emr/steps/scheduled-export.json adds it
                List<String> scheduled = onThisMachine(StepDefinitionsTest.strings(DeploymentFilesTest.json("steps/scheduled-export.json").get(0).get("Args"))
                        .stream().map(arg -> arg.replace("DATE", DAY)).toList());
                StandaloneCluster.DriverRun daily = cluster.submit("scheduled", scheduled, Duration.ofMinutes(8));

                assertThat(daily.state()).as(daily.stdout() + daily.stderr()).isEqualTo("FINISHED");
                Matcher runId = Pattern.compile("Run (scheduled-\\S+):").matcher(daily.stdout());
                assertThat(runId.find()).as(daily.stdout()).isTrue();
                Map<String, Long> rows = completedRows(stack, runId.group(1));
                assertThat(rows.keySet()).containsExactly("cctv_event", "classifications", "incident", "metrics_long", "way", "way_speed");
                Committed first = assertGlueTables(glue, stack, moto, region, rows);
                assertValuesAsThePolicySays(stack);
                assertNotification(sqs, queue, topic, rows);

                // the same step again: every table's partition and the policy tables are replaced in Glue, not appended to
                StandaloneCluster.DriverRun rerun = cluster.submit("scheduled-again", scheduled, Duration.ofMinutes(8));
                assertThat(rerun.state()).as(rerun.stdout() + rerun.stderr()).isEqualTo("FINISHED");
                Matcher rerunId = Pattern.compile("Run (scheduled-\\S+):").matcher(rerun.stdout());
                assertThat(rerunId.find()).as(rerun.stdout()).isTrue();
                assertThat(completedRows(stack, rerunId.group(1))).isEqualTo(rows);
                Committed second = assertGlueTables(glue, stack, moto, region, rows);
                // Glue's table was updated in place by the rerun's commits (the overwrite, then the expiry): a later metadata version
                for (String table : TABLES_AND_POLICY) {
                    assertThat(metadataVersion(second.metadata().get(table))).as(table).isGreaterThan(metadataVersion(first.metadata().get(table)));
                }
                try (S3Client s3 = io.dataexporter.localstack.TestS3.client(stack.endpoints())) {
                    for (String table : TABLES) {
                        assertThat(second.files().get(table)).as(table).doesNotContainAnyElementsOf(first.files().get(table));
                        List<String> inFolder = s3.listObjectsV2Paginator(list -> list.bucket(stack.endpoints().bucket()).prefix("prod/2026/10/04/" + table + "/"))
                                .contents().stream().map(object -> "s3://" + stack.endpoints().bucket() + "/" + object.key()).sorted().toList();
                        assertThat(inFolder).as("the folder holds exactly the current partition").isEqualTo(second.files().get(table).stream().sorted().toList());
                    }
                }

                // the on-demand step, exactly as the API's launcher adds it
                UUID id = UUID.fromString("7d2e4c1a-3b5f-4e6a-8c9d-0a1b2c3d4e5f");
                RangeRequest request = new RangeRequest(id, 1791061200, 1791064800, RequestStatus.IN_PROGRESS, 0, Optional.empty(), Optional.empty(),
                        Instant.EPOCH, Optional.empty(), Optional.empty(), List.of());
                List<String> range = onThisMachine(new EmrStepLauncher(null, "j-CLUSTER", StepDefinitionsTest.JAR, "prod", Optional.empty())
                        .request(request).steps().get(0).hadoopJarStep().args());
                StandaloneCluster.DriverRun onDemand = cluster.submit("range", range, Duration.ofMinutes(6));

                assertThat(onDemand.state()).as(onDemand.stdout() + onDemand.stderr()).isEqualTo("FINISHED");
                JdbcRequestStore requests = new JdbcRequestStore(stack::openConnection);
                RangeRequest done = requests.find(id).orElseThrow();
                assertThat(done.status()).isEqualTo(RequestStatus.COMPLETED);
                assertLinksDownload(stack, done);
            }
        }
    }

    // 00003-....metadata.json is the table's third metadata version
    private static int metadataVersion(String location) {
        Matcher version = Pattern.compile("/metadata/(\\d{5})-[^/]+\\.metadata\\.json previous ").matcher(location);
        assertThat(version.find()).as(location).isTrue();
        return Integer.parseInt(version.group(1));
    }

    /** configurations.json's spark-defaults with its placeholders replaced by this machine's stack, moto and cluster. */
    private static EmrSparkDefaults sparkDefaults(LocalStack stack, MotoServer moto, StandaloneCluster cluster, String topic, String warehouseSecret,
                                                  String controlSecret, String pepperSecret) throws IOException {
        String bucket = stack.endpoints().bucket();
        Map<String, String> emulated = ConfigLoader.emulatedRedshiftValues(stack.endpoints());
        Map<String, String> replaced = new HashMap<>();
        replaced.put("spark.sql.catalog.de.warehouse", "s3://" + bucket + "/prod/_iceberg");
        replaced.put("spark.dataexporter.s3.bucket", bucket);
        replaced.put("spark.dataexporter.s3.region", stack.endpoints().s3Region());
        replaced.put("spark.dataexporter.warehouse.jdbc.url", emulated.get("warehouse.jdbc.url"));
        replaced.put("spark.dataexporter.warehouse.user", stack.endpoints().user());
        replaced.put("spark.dataexporter.warehouse.password", warehouseSecret + "#password");
        replaced.put("spark.dataexporter.redshift.tempdir", "s3a://" + bucket + "/unload");
        replaced.put("spark.dataexporter.control.jdbc.url", stack.endpoints().jdbcUrl().replaceFirst("\\?.*$", ""));
        replaced.put("spark.dataexporter.control.user", stack.endpoints().user());
        replaced.put("spark.dataexporter.control.password", controlSecret + "#password");
        replaced.put("spark.dataexporter.notifier.sns.topic-arn", topic);
        replaced.put("spark.dataexporter.hash.pepper", pepperSecret);
        Map<String, String> added = new HashMap<>();
        // what EMR writes into every cluster's spark-defaults: its master (YARN there), and EMRFS behind s3:// (s3a here)
        added.put("spark.master", cluster.master());
        added.put("spark.hadoop.fs.s3.impl", "org.apache.hadoop.fs.s3a.S3AFileSystem");
        // Spark on YARN gives the driver and executors Java 17's module flags by itself (JavaModuleOptions); a standalone
        // Worker's launches do not, so they are given here
        added.put("spark.driver.extraJavaOptions", String.join(" ", StandaloneCluster.JVM_FLAGS));
        added.put("spark.executor.extraJavaOptions", String.join(" ", StandaloneCluster.JVM_FLAGS));
        // where AWS is: on AWS the SDKs and s3a find the regional endpoints and the instance's credentials by themselves
        added.put("spark.sql.catalog.de.glue.endpoint", moto.endpoint().toString());
        added.put("spark.sql.catalog.de.s3.endpoint", stack.endpoints().s3Endpoint().toString());
        added.put("spark.sql.catalog.de.s3.path-style-access", "true");
        added.put("spark.dataexporter.s3.endpoint", stack.endpoints().s3Endpoint().toString());
        added.put("spark.dataexporter.s3.access-key", stack.endpoints().s3AccessKey());
        added.put("spark.dataexporter.s3.secret-key", stack.endpoints().s3SecretKey());
        added.put("spark.dataexporter.secrets.endpoint", moto.endpoint().toString());
        added.put("spark.dataexporter.notifier.sns.endpoint", moto.endpoint().toString());
        // the emulated warehouse's driver class: on EMR the connector loads the driver the jdbc:redshift: URL names
        added.put("spark.dataexporter.redshift.jdbc-driver", emulated.get("redshift.jdbc-driver"));
        return EmrSparkDefaults.from(DeploymentFilesTest.json("cluster/configurations.json"), replaced, added);
    }

    /** A step's arguments after {@code spark-submit}, with EMR's paths where this machine keeps the same files. */
    private static List<String> onThisMachine(List<String> stepArgs) {
        assertThat(stepArgs.get(0)).isEqualTo("spark-submit");
        assertThat(stepArgs).contains(StepDefinitionsTest.JAR).doesNotContain("--config", "--master");
        return stepArgs.subList(1, stepArgs.size()).stream().map(arg -> arg.equals(StepDefinitionsTest.JAR) ? JOBS_JAR.toString() : arg)
                .map(arg -> arg.startsWith("/usr/share/aws/") || arg.contains(",/usr/share/aws/") ? Arrays.stream(arg.split(","))
                        .map(path -> EMR_IMAGE + path).reduce((a, b) -> a + "," + b).orElseThrow() : arg).toList();
    }

    /**
     * Every value of the day's files, read by DuckDB, is what the policy recomputed in PostgreSQL says: the same check
     * ExportedValuesIT makes of the JDBC catalog's export, so both catalogs' paths write the same rows and values.
     */
    private static void assertValuesAsThePolicySays(LocalStack stack) throws Exception {
        try (Connection connection = stack.openConnection(); S3Client s3 = io.dataexporter.localstack.TestS3.client(stack.endpoints())) {
            PolicyExpectation.createFunctions(connection, PEPPER);
            ParquetReadback readback = new ParquetReadback(s3, stack.endpoints().bucket());
            for (String table : TABLES) {
                PolicyExpectation.Rows expected = PolicyExpectation.expected(connection, table, Instant.parse("2026-10-03T14:00:00Z"),
                        Instant.parse("2026-10-04T13:00:00Z"));
                List<String> columns = new ArrayList<>(expected.columns());
                columns.add("export_date");
                PolicyExpectation.Rows withDay = new PolicyExpectation.Rows(columns, expected.lines().stream().map(line -> line + "|" + DAY).sorted().toList());
                PolicyExpectation.Rows actual = readback.read("prod/2026/10/04/" + table + "/", java.util.Set.of());

                assertThat(actual.differenceFrom(withDay)).as(table).isEmpty();
                assertThat(actual.lines()).as(table).hasSizeGreaterThanOrEqualTo(5);
            }
        }
    }

    /** What Glue and a GlueCatalog reader see of the day: per table its metadata location and its data files. */
    private record Committed(Map<String, String> metadata, Map<String, List<String>> files) {
    }

    private static Committed assertGlueTables(GlueClient glue, LocalStack stack, MotoServer moto, Region region, Map<String, Long> rows) throws IOException {
        Map<String, String> metadata = new TreeMap<>();
        Map<String, List<String>> files = new TreeMap<>();
        for (String table : TABLES_AND_POLICY) {
            Map<String, String> parameters = glue.getTable(get -> get.databaseName("data_exporter").name(table)).table().parameters();
            assertThat(parameters.get("table_type")).as(table).isEqualTo("ICEBERG");
            assertThat(parameters.get("metadata_location")).as(table).startsWith("s3://" + stack.endpoints().bucket() + "/prod/_iceberg/");
            metadata.put(table, parameters.get("metadata_location") + " previous " + parameters.get("previous_metadata_location"));
        }
        // an Athena-side reader: Iceberg's GlueCatalog in this JVM, S3FileIO on the S3 server
        Map<String, String> properties = new HashMap<>();
        properties.put("warehouse", "s3://" + stack.endpoints().bucket() + "/prod/_iceberg");
        properties.put("glue.endpoint", moto.endpoint().toString());
        properties.put("s3.endpoint", stack.endpoints().s3Endpoint().toString());
        properties.put("s3.path-style-access", "true");
        properties.put("s3.access-key-id", stack.endpoints().s3AccessKey());
        properties.put("s3.secret-access-key", stack.endpoints().s3SecretKey());
        properties.put("client.region", region.id());
        // the Glue client takes the default credentials chain: moto tells services apart by the signature's scope
        System.setProperty("aws.accessKeyId", "moto-test");
        System.setProperty("aws.secretAccessKey", "moto-test-secret");
        GlueCatalog catalog = new GlueCatalog();
        catalog.initialize("athena", properties);
        try {
            Map<String, Long> counted = new TreeMap<>();
            for (String table : TABLES) {
                Table iceberg = catalog.loadTable(TableIdentifier.of("data_exporter", table));
                long records = 0;
                List<String> paths = new ArrayList<>();
                try (CloseableIterable<FileScanTask> tasks = iceberg.newScan().planFiles()) {
                    for (FileScanTask task : tasks) {
                        assertThat(task.file().location()).startsWith("s3://" + stack.endpoints().bucket() + "/prod/2026/10/04/" + table + "/");
                        records += task.file().recordCount();
                        paths.add(task.file().location());
                    }
                }
                counted.put(table, records);
                files.put(table, paths);
                // the export expires what it replaced: one snapshot a table
                assertThat(iceberg.snapshots()).as(table).hasSize(1);
            }
            Map<String, Long> expected = new TreeMap<>(rows);
            expected.remove("classifications");
            assertThat(counted).isEqualTo(expected);
            return new Committed(metadata, files);
        } finally {
            catalog.close();
            System.clearProperty("aws.accessKeyId");
            System.clearProperty("aws.secretAccessKey");
        }
    }

    private static void assertNotification(SqsClient sqs, String queue, String topic, Map<String, Long> rows) throws Exception {
        List<Message> messages = sqs.receiveMessage(receive -> receive.queueUrl(queue).maxNumberOfMessages(10).waitTimeSeconds(5)).messages();
        assertThat(messages).hasSize(1);
        JsonNode envelope = DeploymentFilesTest.JSON.readTree(messages.get(0).body());
        assertThat(envelope.get("Type").asText()).isEqualTo("Notification");
        assertThat(envelope.get("TopicArn").asText()).isEqualTo(topic);
        assertThat(envelope.get("Subject").asText()).isEqualTo("Data Exporter prod " + DAY + ": SUCCESS (6 of 6 tables completed)");
        JsonNode notification = DeploymentFilesTest.JSON.readTree(envelope.get("Message").asText());
        assertThat(notification.get("status").asText()).isEqualTo("SUCCESS");
        assertThat(notification.get("env").asText()).isEqualTo("prod");
        assertThat(notification.get("date").asText()).isEqualTo(DAY);
        assertThat(notification.get("subject").asText()).isEqualTo(envelope.get("Subject").asText());
        assertThat(notification.get("control_database").get("status").asText()).isEqualTo("ok");
        Map<String, String> tables = new TreeMap<>();
        notification.get("tables").forEach(table -> tables.put(table.get("table").asText(), table.get("status").asText() + " "
                + table.get("rows").asLong() + " rows, attempt " + table.get("attempts").asInt()));
        Map<String, String> expected = new TreeMap<>();
        rows.forEach((table, count) -> expected.put(table, "COMPLETED " + count + " rows, attempt 1"));
        assertThat(tables).isEqualTo(expected);
        assertThat(notification.toString()).doesNotContain(PEPPER);
    }

    private static void assertLinksDownload(LocalStack stack, RangeRequest done) throws Exception {
        try (S3Client s3 = io.dataexporter.localstack.TestS3.client(stack.endpoints())) {
            SigV4UrlSigner signer = new SigV4UrlSigner(StaticCredentialsProvider.create(AwsBasicCredentials.create(stack.endpoints().s3AccessKey(),
                    stack.endpoints().s3SecretKey())), stack.endpoints().s3Region(), stack.endpoints().bucket(), Optional.of(stack.endpoints().s3Endpoint()),
                    Clock.systemUTC());
            DownloadLinks.Signed links = new DownloadLinks(s3, signer, stack.endpoints().bucket(), "prod", Duration.ofDays(1), Clock.systemUTC()).sign(done);
            assertThat(links.missingTables()).isEmpty();
            assertThat(links.byTable().keySet()).containsExactlyInAnyOrder("cctv_event", "incident", "metrics_long", "way", "way_speed");
            HttpClient http = HttpClient.newHttpClient();
            for (List<String> urls : links.byTable().values()) {
                assertThat(urls).isNotEmpty();
                for (String url : urls) {
                    HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
                    assertThat(response.statusCode()).as(url).isEqualTo(200);
                    assertThat(new String(Arrays.copyOf(response.body(), 4), StandardCharsets.US_ASCII)).as(url).isEqualTo("PAR1");
                }
            }
        }
    }

    private static Map<String, Long> completedRows(LocalStack stack, String runId) throws Exception {
        Map<String, Long> rows = new TreeMap<>();
        try (Connection connection = stack.openConnection(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT table_name, status, rows_written FROM de_internal.table_export_job_statuses"
                     + " WHERE run_id = '" + runId + "' ORDER BY table_name, attempt")) {
            while (result.next()) {
                assertThat(result.getString(2)).as(result.getString(1)).isEqualTo("COMPLETED");
                rows.put(result.getString(1), result.getLong(3));
            }
        }
        return rows;
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
}
