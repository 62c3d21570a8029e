package io.dataexporter.jobs.config;

import io.dataexporter.common.config.ConfigSources;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ExportConfigTest {

    private static final Map<String, String> MINIMAL = Map.of("s3.bucket", "exports-bucket", "warehouse.jdbc.url", "jdbc:postgresql://db:5432/wh",
            "warehouse.user", "exporter", "warehouse.password", "s3cr3t", "catalog.jdbc.url", "jdbc:postgresql://db:5432/catalog");

    @Test
    void defaults_arePinned() {
        Map<String, String> defaults = new TreeMap<>();
        Settings.ALL.forEach(key -> defaults.put(key.name(), key.defaultValue()));
        Map<String, String> expected = new TreeMap<>();
        expected.put("export.env", "local");
        expected.put("s3.bucket", null);
        expected.put("s3.endpoint", null);
        expected.put("s3.region", "ap-southeast-2");
        expected.put("s3.access-key", null);
        expected.put("s3.secret-key", null);
        expected.put("warehouse.kind", "jdbc");
        expected.put("warehouse.jdbc.url", null);
        expected.put("warehouse.user", null);
        expected.put("warehouse.password", null);
        expected.put("warehouse.schema", "pm_internal");
        expected.put("warehouse.jdbc.partitions", "4");
        expected.put("redshift.iam-role", null);
        expected.put("redshift.tempdir", null);
        expected.put("redshift.sse-kms-key", null);
        expected.put("redshift.allow-unencrypted-tempdir", "false");
        expected.put("redshift.jdbc-driver", null);
        expected.put("governance.scan-rows", "200");
        expected.put("governance.scan-threshold", "0.05");
        expected.put("governance.scan-action", "warn");
        expected.put("secrets.endpoint", null);
        expected.put("export.target-file-size-bytes", "134217728");
        expected.put("export.root", null);
        expected.put("policy.schema", "de_config");
        expected.put("export-tables.store", "warehouse");
        expected.put("export-tables.dynamodb.table", "data_exporter_export_tables");
        expected.put("export-tables.dynamodb.endpoint", null);
        expected.put("catalog.kind", "jdbc");
        expected.put("catalog.name", "de");
        expected.put("catalog.database", "data_exporter");
        expected.put("catalog.jdbc.url", null);
        expected.put("control.jdbc.url", null);
        expected.put("control.user", null);
        expected.put("control.password", null);
        expected.put("notifier.kind", "log");
        expected.put("notifier.webhook.url", null);
        expected.put("notifier.sns.topic-arn", null);
        expected.put("notifier.sns.endpoint", null);
        expected.put("hash.pepper", null);
        expected.put("export.retry-backoff-ms", "2000");
        expected.put("jdbc.connect-timeout-seconds", "10");
        expected.put("warehouse.socket-timeout-seconds", "1800");
        expected.put("control.socket-timeout-seconds", "30");
        expected.put("control.write-timeout-seconds", "120");
        assertThat(defaults).isEqualTo(expected);
    }

    @Test
    void read_whenTheSameKeyIsInSeveralLayers_theHigherLayerWins() {
        ConfigSources sources = ConfigLoader.load(Map.of("export.env", "from-cli"),
                Map.of("spark.dataexporter.export.env", "from-spark", "spark.dataexporter.catalog.database", "spark_db"),
                Map.of("DATA_EXPORTER_EXPORT_ENV", "from-env", "DATA_EXPORTER_CATALOG_DATABASE", "env_db", "DATA_EXPORTER_NOTIFIER_KIND", "webhook",
                        "DATA_EXPORTER_NOTIFIER_WEBHOOK_URL", "http://hooks.example/x"),
                java.util.Optional.empty(), java.util.Optional.empty());
        ConfigSources withBase = new ConfigSources(concat(sources, MINIMAL));

        ExportConfig config = ExportConfig.read(withBase);

        assertThat(config.env()).isEqualTo("from-cli");
        assertThat(config.catalog().database()).isEqualTo("spark_db");
        assertThat(config.notifier()).isEqualTo(new NotifierSettings.Webhook(java.net.URI.create("http://hooks.example/x")));
        assertThat(withBase.origin(Settings.CATALOG_DATABASE)).isEqualTo("Spark conf");
        assertThat(withBase.origin(Settings.NOTIFIER)).isEqualTo("environment");
        assertThat(withBase.origin(Settings.WAREHOUSE_SCHEMA)).isEqualTo("default");
        assertThat(config.control().url()).isEqualTo("jdbc:postgresql://db:5432/wh");
    }

    @Test
    void toString_neverShowsSecrets() {
        ExportConfig config = ExportConfig.read(new ConfigSources(List.of(new ConfigSources.Layer("test", withPepper()))));

        assertThat(config.toString()).doesNotContain("s3cr3t").doesNotContain("pepper-value").contains("password=****").contains("hashPepper=****");
    }

    @Test
    void read_whenSnsHasNoTopic_namesTheSettingAndWhereToSetIt() {
        Map<String, String> values = new TreeMap<>(MINIMAL);
        values.put("notifier.kind", "sns");

        assertThatThrownBy(() -> ExportConfig.read(new ConfigSources(List.of(ConfigSources.sparkConf(Map.of(), Settings.ALL),
                new ConfigSources.Layer("test", values)))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Setting 'notifier.sns.topic-arn' is not set (SNS topic ARN of run notifications); set it in the --config file,"
                        + " as DATA_EXPORTER_NOTIFIER_SNS_TOPIC_ARN, or as Spark conf spark.dataexporter.notifier.sns.topic-arn");
    }

    @Test
    void read_redshiftWithoutATempdirKey_refusesToStart_unlessTheOptOutIsSet() {
        Map<String, String> values = new TreeMap<>(MINIMAL);
        values.put("warehouse.kind", "redshift");
        values.put("redshift.iam-role", "arn:aws:iam::123456789012:role/data-exporter-redshift-unload");
        values.put("redshift.tempdir", "s3a://temp/unload");

        assertThatThrownBy(() -> ExportConfig.read(new ConfigSources(List.of(new ConfigSources.Layer("test", values)))))
                .hasMessage("Setting 'redshift.sse-kms-key' is not set: UNLOAD writes cells that are treated only in Spark (hashed, scrubbed,"
                        + " compressed) to the tempdir, which must be encrypted with a KMS key of its own; set it to the key's id or ARN, or set"
                        + " redshift.allow-unencrypted-tempdir=true to use the bucket's default encryption");
        values.put("redshift.allow-unencrypted-tempdir", "true");
        assertThat(ExportConfig.read(new ConfigSources(List.of(new ConfigSources.Layer("test", values)))).warehouse())
                .extracting(warehouse -> ((WarehouseSettings.Redshift) warehouse).sseKmsKey()).isEqualTo(java.util.Optional.empty());
        values.remove("redshift.allow-unencrypted-tempdir");
        values.put("redshift.sse-kms-key", "alias/data-exporter-unload");
        assertThat(((WarehouseSettings.Redshift) ExportConfig.read(new ConfigSources(List.of(new ConfigSources.Layer("test", values)))).warehouse())
                .sseKmsKey()).contains("alias/data-exporter-unload");
    }

    @Test
    void read_redshift_refusesAUrlThatCarriesTheUser_andADriverClassThatIsNotThere() {
        Map<String, String> values = new TreeMap<>(MINIMAL);
        values.put("warehouse.kind", "redshift");
        values.put("redshift.iam-role", "arn:aws:iam::123456789012:role/data-exporter-redshift-unload");
        values.put("redshift.tempdir", "s3a://temp/unload");
        values.put("redshift.sse-kms-key", "alias/data-exporter-unload");
        values.put("warehouse.jdbc.url", "jdbc:redshift://cluster:5439/pm?user=exporter");

        assertThatThrownBy(() -> ExportConfig.read(new ConfigSources(List.of(new ConfigSources.Layer("test", values)))))
                .hasMessage("Setting 'warehouse.jdbc.url' carries a user or password, which the Redshift connector refuses next to its own; remove them"
                        + " from the URL and set warehouse.user and warehouse.password");
        values.put("warehouse.jdbc.url", "jdbc:redshift://cluster:5439/pm");
        values.put("redshift.jdbc-driver", "com.example.NoSuchDriver");
        assertThatThrownBy(() -> ExportConfig.read(new ConfigSources(List.of(new ConfigSources.Layer("test", values)))))
                .hasMessage("Setting 'redshift.jdbc-driver' names com.example.NoSuchDriver, which is not on the classpath (the emulated warehouse's"
                        + " driver comes with the CLI, not the EMR jar); unset it to use the driver the URL names");
    }

    @Test
    void emulatedRedshiftValues_nameTheEmulatorsDriver_andAUrlItReadsBack_withoutTheUserInIt() {
        io.dataexporter.common.config.StackEndpoints endpoints = new io.dataexporter.common.config.StackEndpoints(
                "jdbc:postgresql://127.0.0.1:15432/postgres?user=postgres", "postgres", "", java.net.URI.create("http://127.0.0.1:19000"), "us-east-1",
                "local-access", "local-secret", "data-exporter", "jdbc:postgresql://127.0.0.1:15432/catalog?user=postgres");

        Map<String, String> values = ConfigLoader.emulatedRedshiftValues(endpoints);

        assertThat(new TreeMap<>(values)).isEqualTo(new TreeMap<>(Map.of(
                "warehouse.kind", "redshift",
                "warehouse.jdbc.url", "jdbc:redshift-emulated://127.0.0.1:15432/postgres?s3Endpoint=http%3A%2F%2F127.0.0.1%3A19000&s3Region=us-east-1"
                        + "&s3AccessKey=local-access&s3SecretKey=local-secret&requireKmsKey=true",
                "control.jdbc.url", "jdbc:postgresql://127.0.0.1:15432/postgres?user=postgres",
                "redshift.jdbc-driver", "io.dataexporter.redshiftemulator.EmulatedRedshiftDriver",
                "redshift.iam-role", "arn:aws:iam::000000000000:role/data-exporter-redshift-unload",
                "redshift.tempdir", "s3a://data-exporter/redshift-unload/",
                "redshift.sse-kms-key", "arn:aws:kms:us-east-1:000000000000:alias/data-exporter-local")));
        assertThat(io.dataexporter.redshiftemulator.EmulatedRedshift.fromUrl(values.get("warehouse.jdbc.url"))).isEqualTo(
                new io.dataexporter.redshiftemulator.EmulatedRedshift("jdbc:postgresql://127.0.0.1:15432/postgres", java.net.URI.create("http://127.0.0.1:19000"),
                        "us-east-1", "local-access", "local-secret", true, 2));
        assertThat(ConfigLoader.EMULATED_REDSHIFT_DRIVER).isEqualTo(io.dataexporter.redshiftemulator.EmulatedRedshiftDriver.class.getName());
    }

    @Test
    void read_whenAChoiceIsUnknown_listsTheChoices() {
        Map<String, String> values = new TreeMap<>(MINIMAL);
        values.put("warehouse.kind", "oracle");

        assertThatThrownBy(() -> ExportConfig.read(new ConfigSources(List.of(new ConfigSources.Layer("test", values)))))
                .hasMessage("Setting 'warehouse.kind' is 'oracle'; expected one of jdbc, redshift");
    }

    @Test
    void read_whenPartitionsIsNotANumber_saysWhatIsExpected() {
        Map<String, String> values = new TreeMap<>(MINIMAL);
        values.put("warehouse.jdbc.partitions", "many");

        assertThatThrownBy(() -> ExportConfig.read(new ConfigSources(List.of(new ConfigSources.Layer("test", values)))))
                .hasMessage("Setting 'warehouse.jdbc.partitions' is 'many'; expected a whole number of at least 1");
    }

    private static Map<String, String> withPepper() {
        Map<String, String> values = new TreeMap<>(MINIMAL);
        values.put("hash.pepper", "pepper-value");
        return values;
    }

    private static List<ConfigSources.Layer> concat(ConfigSources sources, Map<String, String> base) {
        List<ConfigSources.Layer> layers = new java.util.ArrayList<>(sources.layers());
        layers.add(new ConfigSources.Layer("base", base));
        return layers;
    }

    @Test
    void jdbcTarget_namesTheDatabaseByHostAndName_neverByTheUrlsParameters_andCarriesItsTimeouts() {
        JdbcTarget target = new JdbcTarget("jdbc:postgresql://control-db.example.com:5432/data_exporter?password=hunter2&ssl=true", "jobs", "secret",
                java.time.Duration.ofSeconds(5), java.time.Duration.ofSeconds(30));

        assertThat(target.describe()).isEqualTo("database 'data_exporter' on control-db.example.com:5432");
        assertThat(target.toString()).isEqualTo("JdbcTarget[database 'data_exporter' on control-db.example.com:5432, user=jobs, password=****,"
                + " connectTimeout=5s, socketTimeout=30s]").doesNotContain("hunter2");
        assertThat(target.timeoutProperties()).containsExactly(Map.entry("connectTimeout", "5"), Map.entry("loginTimeout", "5"),
                Map.entry("socketTimeout", "30"), Map.entry("tcpKeepAlive", "true"));
        assertThat(new JdbcTarget("jdbc:redshift://cluster.abc.ap-southeast-2.redshift.amazonaws.com:5439/pm", "u", null).describe())
                .isEqualTo("database 'pm' on cluster.abc.ap-southeast-2.redshift.amazonaws.com:5439");
    }
}
