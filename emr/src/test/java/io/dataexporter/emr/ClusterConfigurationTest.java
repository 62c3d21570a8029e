package io.dataexporter.emr;

import static io.dataexporter.emr.DeploymentFilesTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dataexporter.common.config.ConfigSources;
import io.dataexporter.jobs.config.ExportConfig;
import io.dataexporter.jobs.iceberg.IcebergCatalog;
import io.dataexporter.jobs.spark.SparkSessions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The cluster's spark-defaults set what the jobs need: the same Glue catalog the job registers, UTC, redaction. */
class ClusterConfigurationTest {

    @Test
    void sparkDefaults_holdTheJobsGlueCatalog_utc_andTheProductsRedaction_andHiveUsesGlue() throws Exception {
        JsonNode configurations = json("cluster/configurations.json");
        JsonNode defaults = classification(configurations, "spark-defaults");
        Map<String, String> sparkConf = new java.util.HashMap<>();
        defaults.fields().forEachRemaining(entry -> sparkConf.put(entry.getKey(), entry.getValue().asText()));
        // the settings as the job reads them from spark-defaults; secrets are ARNs, resolved here by a stand-in
        ExportConfig glue = ExportConfig.read(new ConfigSources(List.of(ConfigSources.sparkConf(sparkConf, io.dataexporter.jobs.config.Settings.ALL))),
                new io.dataexporter.common.config.SecretReferences(arn -> arn.contains(":secret:data-exporter/pepper-") ? "resolved-pepper-0123456789"
                        : "{\"password\":\"resolved-password\"}"));
        sparkConf.keySet().stream().filter(key -> key.startsWith("spark.dataexporter.")).forEach(key -> assertThat(
                io.dataexporter.jobs.config.Settings.ALL.stream().map(setting -> setting.sparkConfName()).toList()).as(key).contains(key));
        assertThat(glue.catalog()).isInstanceOf(io.dataexporter.jobs.config.CatalogSettings.Glue.class);
        assertThat(glue.warehouse()).isInstanceOf(io.dataexporter.jobs.config.WarehouseSettings.Redshift.class);
        assertThat(glue.notifier()).isInstanceOf(io.dataexporter.jobs.config.NotifierSettings.Sns.class);
        assertThat(glue.warehouse().target().password()).isEqualTo("resolved-password");
        assertThat(glue.hashPepper()).contains("resolved-pepper-0123456789");

        new IcebergCatalog(glue).sparkConf().forEach((key, value) -> assertThat(defaults.path(key).asText()).as(key).isEqualTo(value));
        assertThat(defaults.get("spark.sql.extensions").asText()).isEqualTo("org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions");
        assertThat(defaults.get("spark.sql.session.timeZone").asText()).isEqualTo("UTC");
        assertThat(defaults.get(io.dataexporter.jobs.spark.UtcZone.EXECUTOR_SETTING).asText()).isEqualTo("UTC");
        assertThat(defaults.get("spark.redaction.regex").asText()).isEqualTo(SparkSessions.REDACTION_REGEX);
        assertThat(defaults.get("spark.sql.parquet.outputTimestampType").asText()).isEqualTo("TIMESTAMP_MICROS");
        assertThat(classification(configurations, "spark-hive-site").get("hive.metastore.client.factory.class").asText())
                .isEqualTo("com.amazonaws.glue.catalog.metastore.AWSGlueDataCatalogHiveClientFactory");
        assertThat(classification(configurations, "iceberg-defaults").get("iceberg.enabled").asText()).isEqualTo("true");
    }

    private static JsonNode classification(JsonNode configurations, String name) {
        for (JsonNode configuration : configurations) {
            if (configuration.get("Classification").asText().equals(name)) {
                return configuration.get("Properties");
            }
        }
        throw new AssertionError("no " + name + " classification");
    }
}
