package io.dataexporter.emr;

import static io.dataexporter.emr.DeploymentFilesTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dataexporter.jobs.config.ConfigSources;
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
        ExportConfig glue = ExportConfig.read(new ConfigSources(List.of(new ConfigSources.Layer("test", Map.of("export.env", "prod",
                "s3.bucket", "my-export-bucket", "warehouse.jdbc.url", "jdbc:redshift://cluster:5439/pm", "catalog.kind", "glue")))));

        new IcebergCatalog(glue).sparkConf().forEach((key, value) -> assertThat(defaults.path(key).asText()).as(key).isEqualTo(value));
        assertThat(defaults.get("spark.sql.extensions").asText()).isEqualTo("org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions");
        assertThat(defaults.get("spark.sql.session.timeZone").asText()).isEqualTo("UTC");
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
