package io.dataexporter.jobs.classification;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataexporter.classification.plan.ExportWindow;
import io.dataexporter.classification.plan.TablePlan;
import io.dataexporter.classification.plan.TablePlanner;
import io.dataexporter.classification.policy.HashKey;
import io.dataexporter.classification.policy.PolicyRows;
import io.dataexporter.jobs.TestSpark;
import io.dataexporter.jobs.policy.JdbcPolicyLoader;
import io.dataexporter.jobs.source.JdbcWarehouseSource;
import io.dataexporter.localstack.LocalStack;
import io.dataexporter.localstack.TestStack;
import io.dataexporter.localstack.seed.SeedOptions;
import io.dataexporter.localstack.seed.SyntheticWarehouse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * Exports a table with HASH columns through the shared session, whose Spark event log (what the EMR History Server
 * shows) is on and whose Spark conf holds the pepper (the failsafe configuration sets both, as spark-submit would), and
 * searches that log and the plan for the key in every form it could take: the pepper, the derived key, the HMAC's
 * inner and outer pads, hex or base64.
 */
class KeyMaterialIT {

    private static final String PEPPER = "pepper-for-key-material-test-01";

    @Test
    void hashedExport_leavesNoKeyMaterialInPlanOrEventLog_andThePepperSettingIsRedacted() throws Exception {
        LocalStack stack = TestStack.get();
        PolicyRows policy;
        try (Connection connection = stack.openConnection()) {
            SyntheticWarehouse.seed(connection, new SeedOptions(2000, 3, SeedOptions.DEFAULT_AROUND, 42));
            policy = new JdbcPolicyLoader("de_config").load(connection);
        }
        SparkSession spark = TestSpark.get();
        String eventLogDir = spark.sparkContext().getConf().get("spark.eventLog.dir");
        JdbcWarehouseSource source = new JdbcWarehouseSource(spark, stack.endpoints().jdbcUrl(), stack.endpoints().user(),
                stack.endpoints().password(), "pm_internal");
        ExportWindow days = new ExportWindow(Instant.parse("2026-10-01T00:00:00Z"), Instant.parse("2026-10-07T00:00:00Z"));
        TablePlan plan = TablePlanner.plan(policy, "pm_internal", "cctv_event", source.schema("cctv_event"), Optional.of(days),
                Optional.of(HashKey.fromPepper(PEPPER)));

        Dataset<Row> out = plan.transform(source.read(plan));
        String explained = out.queryExecution().toString();
        // this test's own execution, told apart from every other test's in the shared session's log
        String marker = "key-material-" + UUID.randomUUID();
        spark.sparkContext().setJobDescription(marker);
        List<Row> rows;
        try {
            rows = out.collectAsList();
        } finally {
            spark.sparkContext().setJobDescription(null);
        }
        spark.sparkContext().listenerBus().waitUntilEmpty(); // the event log is written from a queue: flushed once it is empty

        assertThat(spark.sparkContext().getConf().get("spark.dataexporter.hash.pepper")).as("the pepper, as spark-submit --conf passes it").isEqualTo(PEPPER);
        assertThat(rows).isNotEmpty();
        assertThat(rows.get(0).getAs("plate_number").toString()).hasSize(64);
        assertThat(explained).contains("de_keyed_hash(");
        String eventLog = readLog(Path.of(eventLogDir.replaceFirst("^file:", "")), spark.sparkContext().applicationId());
        assertThat(eventLog).contains("\"spark.dataexporter.hash.pepper\":\"*********(redacted)\"");
        List<String> ours = eventLog.lines().filter(line -> line.contains("SparkListenerSQLExecutionStart") && line.contains(marker)).toList();
        assertThat(ours).hasSize(1);
        assertThat(ours.get(0)).contains("de_keyed_hash(").contains("plate_number");
        for (String secret : keyMaterial()) {
            assertThat(explained.toLowerCase(Locale.ROOT)).doesNotContain(secret);
            assertThat(eventLog.toLowerCase(Locale.ROOT)).doesNotContain(secret);
        }
    }

    // The pepper, and the key and both HMAC pads as hex, as a Spark binary literal would print them, and as base64.
    private static List<String> keyMaterial() throws Exception {
        byte[] key = MessageDigest.getInstance("SHA-256").digest(PEPPER.getBytes(StandardCharsets.UTF_8));
        byte[] inner = new byte[64];
        byte[] outer = new byte[64];
        for (int i = 0; i < 64; i++) {
            byte k = i < key.length ? key[i] : 0;
            inner[i] = (byte) (k ^ 0x36);
            outer[i] = (byte) (k ^ 0x5c);
        }
        List<String> forms = new ArrayList<>(List.of(PEPPER.toLowerCase(Locale.ROOT)));
        for (byte[] bytes : List.of(key, inner, outer)) {
            forms.add(HexFormat.of().formatHex(bytes, 0, 16));
            forms.add(Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(bytes, 12)).toLowerCase(Locale.ROOT));
        }
        return forms;
    }

    // This application's log: {appId}.inprogress while it runs.
    private static String readLog(Path directory, String applicationId) throws Exception {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith(applicationId)).toList()) {
                all.append(Files.readString(file, StandardCharsets.UTF_8));
            }
        }
        assertThat(all).as("event log of " + applicationId + " in " + directory).isNotEmpty();
        return all.toString();
    }
}
