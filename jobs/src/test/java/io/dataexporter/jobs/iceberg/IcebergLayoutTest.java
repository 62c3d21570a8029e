package io.dataexporter.jobs.iceberg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataexporter.common.config.ConfigSources;
import io.dataexporter.jobs.config.ExportConfig;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;

class IcebergLayoutTest {

    @Test
    void newDataLocation_putsTheFileInTheDaysFolder() {
        ExportLocationProvider provider = new ExportLocationProvider("s3://b/prod/_iceberg/data_exporter/way_speed",
                Map.of(ExportLocationProvider.FOLDER_PROPERTY, "s3://b/prod/{date}/way_speed"));
        Schema schema = new Schema(Types.NestedField.required(1, "export_date", Types.DateType.get()));
        GenericRecord partition = GenericRecord.create(Types.StructType.of(Types.NestedField.required(1000, "export_date", Types.DateType.get())));
        partition.set(0, (int) LocalDate.of(2026, 10, 4).toEpochDay());

        assertThat(provider.newDataLocation(PartitionSpec.builderFor(schema).identity("export_date").build(), partition, "00000-0-abc.parquet"))
                .isEqualTo("s3://b/prod/2026/10/04/way_speed/00000-0-abc.parquet");
    }

    @Test
    void constructor_withoutTheFolderProperty_explainsWhereItComesFrom() {
        assertThatThrownBy(() -> new ExportLocationProvider("s3://b/t", Map.of()))
                .hasMessage("Table at s3://b/t lacks the property data-exporter.folder with a {date} placeholder; it is set when Data Exporter creates the table");
    }

    @Test
    void sparkConf_forGlue_usesGlueCatalogS3FileIoAndS3Paths() {
        IcebergCatalog catalog = new IcebergCatalog(config("glue"));

        assertThat(catalog.sparkConf()).containsExactly(Map.entry("spark.sql.catalog.de", "org.apache.iceberg.spark.SparkCatalog"),
                Map.entry("spark.sql.catalog.de.warehouse", "s3://exports-bucket/prod/_iceberg"),
                Map.entry("spark.sql.catalog.de.catalog-impl", "org.apache.iceberg.aws.glue.GlueCatalog"),
                Map.entry("spark.sql.catalog.de.io-impl", "org.apache.iceberg.aws.s3.S3FileIO"));
        assertThat(catalog.tableName("way_speed")).isEqualTo("de.data_exporter.way_speed");
    }

    @Test
    void sparkConf_forJdbc_usesTheJdbcCatalogAndS3a() {
        IcebergCatalog catalog = new IcebergCatalog(config("jdbc"));

        assertThat(catalog.sparkConf()).containsEntry("spark.sql.catalog.de.catalog-impl", "org.apache.iceberg.jdbc.JdbcCatalog")
                .containsEntry("spark.sql.catalog.de.uri", "jdbc:postgresql://db:5432/catalog")
                .containsEntry("spark.sql.catalog.de.warehouse", "s3a://exports-bucket/prod/_iceberg");
    }

    private static ExportConfig config(String kind) {
        return ExportConfig.read(new ConfigSources(List.of(new ConfigSources.Layer("test", Map.of("s3.bucket", "exports-bucket", "export.env", "prod",
                "warehouse.jdbc.url", "jdbc:postgresql://db:5432/wh", "catalog.kind", kind, "catalog.jdbc.url", "jdbc:postgresql://db:5432/catalog")))));
    }
}
