package io.dataexporter.jobs.range;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataexporter.classification.plan.ColumnFate;
import io.dataexporter.common.range.RangeLayout;
import java.util.List;
import java.util.UUID;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class RedshiftManifestTest {

    @Test
    void json_hasTheUnloadManifestVerboseShape() {
        StructType schema = new StructType().add("ts", DataTypes.TimestampType).add("way_id", DataTypes.LongType).add("speed_kph", DataTypes.DoubleType)
                .add("sample_count", DataTypes.IntegerType).add("source", DataTypes.StringType);

        String json = RedshiftManifest.json(List.of(new RangeFile("s3://b/k/way_speed_000.parquet", 100, 7),
                new RangeFile("s3://b/k/way_speed_001.parquet", 50, 3)), schema, "0123456789abcdef",
                List.of(new ColumnFate("ts", ColumnFate.Fate.KEPT, "ts", ""), ColumnFate.withheld("secret", "classified de"),
                        new ColumnFate("speed_kph", ColumnFate.Fate.TREATED, "speed_kph", "ROUND(0)")),
                java.util.Optional.of(new java.util.LinkedHashMap<>(java.util.Map.of("unknown_source", 4L))),
                new io.dataexporter.jobs.governance.PolicyScan.Report(List.of(new io.dataexporter.jobs.governance.Finding(io.dataexporter.jobs.governance.FindingKind.UNKNOWN_SOURCE, "WAZE",
                        "12 row(s) ...", "INSERT ...")), java.util.Map.of("unknown_metric", 2L)));

        assertThat(json).isEqualTo("{\"entries\":[{\"url\":\"s3://b/k/way_speed_000.parquet\",\"meta\":{\"content_length\":100,\"record_count\":7}},"
                + "{\"url\":\"s3://b/k/way_speed_001.parquet\",\"meta\":{\"content_length\":50,\"record_count\":3}}],"
                + "\"schema\":{\"elements\":[{\"name\":\"ts\",\"type\":{\"base\":\"timestamp with time zone\"}},{\"name\":\"way_id\",\"type\":{\"base\":\"bigint\"}},"
                + "{\"name\":\"speed_kph\",\"type\":{\"base\":\"double precision\"}},{\"name\":\"sample_count\",\"type\":{\"base\":\"integer\"}},"
                + "{\"name\":\"source\",\"type\":{\"base\":\"character varying\"}}]},\"meta\":{\"content_length\":150,\"record_count\":10},"
                + "\"policy\":{\"version\":\"0123456789abcdef\",\"columns\":[{\"column\":\"ts\",\"fate\":\"kept\",\"output\":\"ts\",\"detail\":\"\",\"type\":null},"
                + "{\"column\":\"secret\",\"fate\":\"withheld\",\"output\":null,\"detail\":\"classified de\",\"type\":null},"
                + "{\"column\":\"speed_kph\",\"fate\":\"treated\",\"output\":\"speed_kph\",\"detail\":\"ROUND(0)\",\"type\":null}],"
                + "\"withheld_cells\":{\"unknown_source\":4},\"filtered_rows\":{\"unknown_metric\":2},\"attention\":true,\"findings\":[{\"kind\":\"unknown_source\",\"subject\":\"WAZE\","
                + "\"detail\":\"12 row(s) ...\",\"fix\":\"INSERT ...\"}]}}");
    }

    @Test
    void layout_putsEachRequestInItsOwnFolderUnderTheRange() {
        assertThat(RangeLayout.folder("prod", "way_speed", 1791061200, 1791064800, UUID.fromString("0f5c3b8e-4d3a-4a52-9a55-8f1f1c2d3e4f")))
                .isEqualTo("prod/data_exporter_service/way_speed/20261003/20261003T210000Z_20261003T220000Z/0f5c3b8e-4d3a-4a52-9a55-8f1f1c2d3e4f/");
        assertThat(RangeLayout.fileName("way_speed", 12)).isEqualTo("way_speed_012.parquet");
    }
}
