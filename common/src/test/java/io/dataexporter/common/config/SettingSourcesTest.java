package io.dataexporter.common.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingSourcesTest {

    private static final List<String> KEYS = List.of("s3.bucket", "control.user", "export-tables.store");

    @Test
    void names_ofAKey_inTheEnvironmentAndInSparkConf() {
        assertThat(SettingSources.environmentName("export-tables.store")).isEqualTo("DATA_EXPORTER_EXPORT_TABLES_STORE");
        assertThat(SettingSources.sparkConfName("export-tables.store")).isEqualTo("spark.dataexporter.export-tables.store");
    }

    @Test
    void find_takesTheHighestLayerThatSetsTheKey_skippingBlankValues_andKnowsWhereItCameFrom() {
        SettingSources sources = new SettingSources(List.of(
                new SettingSources.Layer("command line", Map.of("s3.bucket", "  ")),
                SettingSources.sparkConf(Map.of("spark.dataexporter.s3.bucket", " from-spark ", "spark.executor.cores", "4"), KEYS),
                SettingSources.environment(Map.of("DATA_EXPORTER_S3_BUCKET", "from-env", "DATA_EXPORTER_CONTROL_USER", "jobs", "HOME", "/root"), KEYS),
                new SettingSources.Layer("config file", Map.of("control.user", "from-file", "export-tables.store", "dynamodb"))));

        assertThat(sources.find("s3.bucket")).contains("from-spark");
        assertThat(sources.origin("s3.bucket")).isEqualTo("Spark conf");
        assertThat(sources.find("control.user")).contains("jobs");
        assertThat(sources.origin("control.user")).isEqualTo("environment");
        assertThat(sources.origin("export-tables.store")).isEqualTo("config file");
        assertThat(sources.find("notifier.kind")).isEmpty();
        assertThat(sources.origin("notifier.kind")).isEqualTo("default");
        assertThat(sources.layers().get(1).values()).containsOnlyKeys("s3.bucket");
        assertThat(sources.resolve(KEYS, Map.of("notifier.kind", "log"))).isEqualTo(Map.of("s3.bucket", "from-spark", "control.user", "jobs",
                "export-tables.store", "dynamodb", "notifier.kind", "log"));
    }
}
