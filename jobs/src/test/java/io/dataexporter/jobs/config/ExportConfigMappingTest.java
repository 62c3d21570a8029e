package io.dataexporter.jobs.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataexporter.common.config.ConfigSources;
import io.dataexporter.common.config.S3Access;
import io.dataexporter.common.config.SettingKey;
import io.dataexporter.jobs.governance.PolicyScan;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every key of the jobs lands in its field, in the manner of Trino's {@code assertFullMapping}: three maps that between
 * them set every key of {@link Settings#ALL} to a value other than its default (one per choice of backends) each read to
 * a configuration written out here by hand, and taking any one key out of a map changes what is read (or refuses it).
 * The defaults, read from the fewest keys the jobs need, are pinned the same way.
 */
class ExportConfigMappingTest {

    private static final Duration CONNECT = Duration.ofSeconds(11);

    @Test
    void theFewestKeys_readToTheDefaults() {
        Map<String, String> minimal = Map.of("s3.bucket", "exports-bucket", "warehouse.jdbc.url", "jdbc:postgresql://db:5432/wh",
                "catalog.jdbc.url", "jdbc:postgresql://db:5432/catalog");
        JdbcTarget warehouse = new JdbcTarget("jdbc:postgresql://db:5432/wh", null, "", Duration.ofSeconds(10), Duration.ofSeconds(1800));

        assertThat(read(minimal)).isEqualTo(new ExportConfig("local",
                new S3Access("exports-bucket", Optional.empty(), "ap-southeast-2", Optional.empty(), Optional.empty()),
                new WarehouseSettings.Jdbc(warehouse, "pm_internal", 4),
                new JdbcTarget("jdbc:postgresql://db:5432/wh", null, "", Duration.ofSeconds(10), Duration.ofSeconds(30)),
                "de_config", new ExportTablesSettings.Warehouse(), new CatalogSettings.Jdbc("de", "data_exporter", "jdbc:postgresql://db:5432/catalog"),
                new NotifierSettings.Log(), Optional.empty(), Duration.ofMillis(2000), 134_217_728L, Optional.empty(), Duration.ofSeconds(120),
                new PolicyScan.Settings(200, 0.05, false)));
    }

    @Test
    void jdbcWarehouse_jdbcCatalog_webhook_everyKeyInItsField() {
        assertFullMapping(jdbcMap(), new ExportConfig("prod",
                s3(), new WarehouseSettings.Jdbc(warehouse("jdbc:postgresql://wh:5432/pm"), "pm_other", 7), control(), "de_other",
                new ExportTablesSettings.Warehouse(), new CatalogSettings.Jdbc("cat", "exports_db", "jdbc:postgresql://cat:5432/iceberg"),
                new NotifierSettings.Webhook(URI.create("https://hooks.example/run")), Optional.of("pepper-0123456789abcdef"),
                Duration.ofMillis(50), 2_097_152L, Optional.of("file:///tmp/exports"), Duration.ofSeconds(9),
                new PolicyScan.Settings(17, 0.2, true)));
    }

    @Test
    void redshift_glue_sns_dynamodb_everyKeyInItsField() {
        assertFullMapping(redshiftMap(), new ExportConfig("prod",
                s3(), new WarehouseSettings.Redshift(warehouse("jdbc:redshift://cluster:5439/pm"), "pm_other",
                        "arn:aws:iam::123456789012:role/unload", "s3a://temp/unload/", Optional.of("alias/unload"), Optional.of("org.postgresql.Driver")),
                control(), "de_other", new ExportTablesSettings.DynamoDb("tables_prod", Optional.of(URI.create("http://dynamodb.local:8000"))),
                new CatalogSettings.Glue("cat", "exports_db"),
                new NotifierSettings.Sns("arn:aws:sns:ap-southeast-2:123456789012:runs", Optional.of(URI.create("http://sns.local:4566"))),
                Optional.of("pepper-0123456789abcdef"), Duration.ofMillis(50), 2_097_152L, Optional.of("file:///tmp/exports"), Duration.ofSeconds(9),
                new PolicyScan.Settings(17, 0.2, true)));
    }

    @Test
    void redshiftWithoutItsKey_readsTheOptOut() {
        Map<String, String> values = redshiftMap();
        values.remove("redshift.sse-kms-key");
        values.put("redshift.allow-unencrypted-tempdir", "true");

        assertThat(((WarehouseSettings.Redshift) read(values).warehouse()).sseKmsKey()).isEmpty();
        values.remove("redshift.allow-unencrypted-tempdir");
        assertThat(outcome(values)).asString().startsWith("refused: Setting 'redshift.sse-kms-key' is not set");
    }

    @Test
    void theMapsBetweenThem_setEveryKey_toAValueThatIsNotItsDefault() {
        Set<String> set = new HashSet<>(jdbcMap().keySet());
        set.addAll(redshiftMap().keySet());
        set.add("redshift.allow-unencrypted-tempdir");

        assertThat(set).containsExactlyInAnyOrderElementsOf(Settings.ALL.stream().map(SettingKey::name).toList());
        for (SettingKey key : Settings.ALL) {
            String value = jdbcMap().getOrDefault(key.name(), redshiftMap().getOrDefault(key.name(), "true"));
            assertThat(value).as(key.name()).isNotEqualTo(key.defaultValue());
        }
    }

    // the expected configuration, and each key's own effect: without it the configuration read differs, or is refused
    private static void assertFullMapping(Map<String, String> values, ExportConfig expected) {
        assertThat(read(values)).isEqualTo(expected);
        for (String key : values.keySet()) {
            if (key.equals("secrets.endpoint")) {
                continue; // read once at start to resolve secrets given as ARNs, and kept nowhere: SecretReferencesIT reads through it
            }
            Map<String, String> without = new HashMap<>(values);
            without.remove(key);
            assertThat(outcome(without)).as("without " + key).isNotEqualTo(outcome(values));
        }
    }

    private static Object outcome(Map<String, String> values) {
        try {
            return read(values);
        } catch (IllegalArgumentException e) {
            return "refused: " + e.getMessage();
        }
    }

    private static ExportConfig read(Map<String, String> values) {
        return ExportConfig.read(new ConfigSources(List.of(new ConfigSources.Layer("test", values))));
    }

    private static S3Access s3() {
        return new S3Access("exports-prod", Optional.of(URI.create("http://s3.local:9000")), "us-west-2", Optional.of("AKIAEXAMPLE"),
                Optional.of("s3-secret"));
    }

    private static JdbcTarget warehouse(String url) {
        return new JdbcTarget(url, "exporter", "wh-password", CONNECT, Duration.ofSeconds(600));
    }

    private static JdbcTarget control() {
        return new JdbcTarget("jdbc:postgresql://control:5432/de", "jobs", "control-password", CONNECT, Duration.ofSeconds(45));
    }

    private static Map<String, String> common() {
        Map<String, String> values = new HashMap<>();
        values.put("export.env", "prod");
        values.put("s3.bucket", "exports-prod");
        values.put("s3.endpoint", "http://s3.local:9000");
        values.put("s3.region", "us-west-2");
        values.put("s3.access-key", "AKIAEXAMPLE");
        values.put("s3.secret-key", "s3-secret");
        values.put("warehouse.user", "exporter");
        values.put("warehouse.password", "wh-password");
        values.put("warehouse.schema", "pm_other");
        values.put("control.jdbc.url", "jdbc:postgresql://control:5432/de");
        values.put("control.user", "jobs");
        values.put("control.password", "control-password");
        values.put("policy.schema", "de_other");
        values.put("catalog.name", "cat");
        values.put("catalog.database", "exports_db");
        values.put("hash.pepper", "pepper-0123456789abcdef");
        values.put("secrets.endpoint", "http://secrets.local:4566");
        values.put("export.root", "file:///tmp/exports");
        values.put("export.target-file-size-bytes", "2097152");
        values.put("export.retry-backoff-ms", "50");
        values.put("jdbc.connect-timeout-seconds", "11");
        values.put("warehouse.socket-timeout-seconds", "600");
        values.put("control.socket-timeout-seconds", "45");
        values.put("control.write-timeout-seconds", "9");
        values.put("governance.scan-rows", "17");
        values.put("governance.scan-threshold", "0.2");
        values.put("governance.scan-action", "withhold");
        return values;
    }

    private static Map<String, String> jdbcMap() {
        Map<String, String> values = common();
        values.put("warehouse.jdbc.url", "jdbc:postgresql://wh:5432/pm");
        values.put("warehouse.jdbc.partitions", "7");
        values.put("catalog.jdbc.url", "jdbc:postgresql://cat:5432/iceberg");
        values.put("notifier.kind", "webhook");
        values.put("notifier.webhook.url", "https://hooks.example/run");
        return values;
    }

    private static Map<String, String> redshiftMap() {
        Map<String, String> values = common();
        values.put("warehouse.kind", "redshift");
        values.put("warehouse.jdbc.url", "jdbc:redshift://cluster:5439/pm");
        values.put("redshift.iam-role", "arn:aws:iam::123456789012:role/unload");
        values.put("redshift.tempdir", "s3a://temp/unload/");
        values.put("redshift.sse-kms-key", "alias/unload");
        values.put("redshift.jdbc-driver", "org.postgresql.Driver");
        values.put("export-tables.store", "dynamodb");
        values.put("export-tables.dynamodb.table", "tables_prod");
        values.put("export-tables.dynamodb.endpoint", "http://dynamodb.local:8000");
        values.put("catalog.kind", "glue");
        values.put("notifier.kind", "sns");
        values.put("notifier.sns.topic-arn", "arn:aws:sns:ap-southeast-2:123456789012:runs");
        values.put("notifier.sns.endpoint", "http://sns.local:4566");
        return values;
    }
}
