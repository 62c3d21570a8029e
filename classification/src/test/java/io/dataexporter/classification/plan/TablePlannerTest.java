package io.dataexporter.classification.plan;

import static io.dataexporter.classification.plan.Policies.policy;
import static org.assertj.core.api.Assertions.assertThat;

import io.dataexporter.classification.SparkTest;
import io.dataexporter.classification.expr.SqlDialect;
import io.dataexporter.classification.plan.ColumnFate.Fate;
import io.dataexporter.classification.policy.HashKey;
import io.dataexporter.classification.policy.PolicyRows;
import io.dataexporter.classification.transform.Treatments;
import java.time.Instant;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class TablePlannerTest extends SparkTest {

    private static final HashKey KEY = HashKey.fromPepper("pepper-for-tests-0001");
    private static final Optional<ExportWindow> DAY = Optional.of(new ExportWindow(Instant.parse("2026-10-02T14:00:00Z"), Instant.parse("2026-10-03T13:00:00Z")));

    @Test
    void plan_nrKept_deAndUnclassifiedWithheld_hwcTreated() {
        StructType schema = new StructType().add("id", DataTypes.LongType).add("secret", DataTypes.StringType)
                .add("internal_ref", DataTypes.StringType).add("lat", DataTypes.DoubleType);
        PolicyRows rows = policy().table("t", null, null)
                .column("t", "id", "nr").column("t", "secret", "de").column("t", "lat", "hwc", "ROUND(1)", null).rows();

        TablePlan plan = TablePlanner.plan(rows, "pm_internal", "t", schema, Optional.empty(), Optional.empty());
        Dataset<Row> out = plan.transform(plan.selectFromRawTable(rows(schema, new Object[] {1L, "canary", "REF-1", -37.8136})));

        assertFrameEquals(rows(new StructType().add("id", DataTypes.LongType).add("lat", DataTypes.DoubleType), new Object[] {1L, -37.8}), out);
        assertThat(plan.columnFates()).containsExactly(
                new ColumnFate("id", Fate.KEPT, "id", "", "bigint"),
                ColumnFate.withheld("secret", "classified de", "string"),
                ColumnFate.withheld("internal_ref", "no classification rule", "string"),
                new ColumnFate("lat", Fate.TREATED, "lat", "ROUND(1)", "double"));
        assertThat(plan.selectedColumns()).containsExactly("id", "lat");
        assertThat(plan.warehouseQuery(SqlDialect.POSTGRESQL))
                .isEqualTo("SELECT \"id\", CAST(CASE WHEN abs(\"lat\") >= 4503599627370496 THEN \"lat\" ELSE trunc(\"lat\" * 10 + sign(\"lat\") * 0.5) / 10"
                        + " + 0.0 END AS double precision) AS \"lat\" FROM \"pm_internal\".\"t\"");
        assertThat(plan.warehouseQuery(SqlDialect.REDSHIFT))
                .isEqualTo("SELECT \"id\", CAST(ROUND(\"lat\", 1) AS double precision) AS \"lat\" FROM \"pm_internal\".\"t\"");
    }

    @Test
    void plan_mxColumnWhoseEveryFormIsNull_transformsAndItsSqlNeedsNoSourceClass() {
        StructType schema = new StructType().add("source", DataTypes.StringType).add("speed", DataTypes.DoubleType);
        // hwc sources NULLIFY it, and no source is nr: the column is NULL for every row
        PolicyRows rows = policy().table("s", null, "source").column("s", "source", "nr").column("s", "speed", "mx", "NULLIFY", null)
                .source("TomTom", "hwc").source("HERE", "de").rows();

        TablePlan plan = TablePlanner.plan(rows, "pm_internal", "s", schema, Optional.empty(), Optional.empty());
        Dataset<Row> out = plan.transform(plan.selectFromRawTable(rows(schema, new Object[] {"TOMTOM", 53.6}, new Object[] {"HERE", 55.5})));

        assertFrameEquals(rows(schema, new Object[] {"TOMTOM", null}, new Object[] {"HERE", null}), out);
    }

    @Test
    void plan_mxBySource_nrClear_hwcTreated_deUnknownAndNullNulled_afterTrimAndUpperCase() {
        StructType schema = new StructType().add("source", DataTypes.StringType).add("speed", DataTypes.DoubleType);
        PolicyRows rows = policy().table("s", null, "source").column("s", "source", "nr").column("s", "speed", "mx", "ROUND(0)", null)
                .source("FUSION", "nr").source(" here", "de").source("TomTom", "hwc").rows();

        TablePlan plan = TablePlanner.plan(rows, "pm_internal", "s", schema, Optional.empty(), Optional.empty());
        Dataset<Row> out = plan.transform(plan.selectFromRawTable(rows(schema,
                new Object[] {"FUSION", 51.4}, new Object[] {" fusion", 52.6}, new Object[] {"TOMTOM", 53.6}, new Object[] {" TOMTOM ", 54.4},
                new Object[] {"here", 55.5}, new Object[] {" HERE ", 56.5}, new Object[] {null, 57.5}, new Object[] {"UNKNOWN", 58.5})));

        assertFrameEquals(rows(schema,
                new Object[] {"FUSION", 51.4}, new Object[] {" fusion", 52.6}, new Object[] {"TOMTOM", 54.0}, new Object[] {" TOMTOM ", 54.0},
                new Object[] {"here", null}, new Object[] {" HERE ", null}, new Object[] {null, null}, new Object[] {"UNKNOWN", null}), out);
        assertThat(plan.warehouseQuery(SqlDialect.POSTGRESQL)).isEqualTo("SELECT \"source\", CASE CASE \"de_source_class\" WHEN 0 THEN 0"
                + " WHEN 3 THEN 1 ELSE 2 END WHEN 0 THEN \"speed\" WHEN 1"
                + " THEN CAST(CASE WHEN abs(\"speed\") >= 4503599627370496 THEN \"speed\" ELSE trunc(\"speed\" * 1 + sign(\"speed\") * 0.5) / 1 + 0.0 END"
                + " AS double precision) END AS \"speed\", \"de_source_class\""
                + " FROM (SELECT \"source\", \"speed\", CASE upper(btrim(\"source\")) WHEN 'FUSION' THEN 0 WHEN 'HERE' THEN 2 WHEN 'TOMTOM' THEN 3 ELSE 9 END"
                + " AS \"de_source_class\" FROM \"pm_internal\".\"s\") AS \"de_policy\"");
    }

    @Test
    void plan_longTable_deAndUnknownMetricRowsDropped_mxNullUnlessNrSource_hwcTreated() {
        StructType schema = new StructType().add("ts", DataTypes.TimestampType).add("metric_name", DataTypes.StringType)
                .add("value", DataTypes.DoubleType).add("source", DataTypes.StringType);
        PolicyRows rows = policy().longTable("m", "ts", "source", "metric_name", "value")
                .column("m", "ts", "nr").column("m", "metric_name", "nr").column("m", "value", "nr", "ROUND(0)", null).column("m", "source", "nr")
                .source("FUSION", "nr").source("TOMTOM", "hwc").source("HERE", "de")
                .metric("m", "volume", "nr").metric("m", "occupancy", "mx").metric("m", "travel_time", "hwc").metric("m", "raw_probe_count", "de")
                .rows();
        java.sql.Timestamp inside = java.sql.Timestamp.valueOf("2026-10-03 01:00:00");
        java.sql.Timestamp outside = java.sql.Timestamp.valueOf("2026-10-03 13:00:00");

        TablePlan plan = TablePlanner.plan(rows, "pm_internal", "m", schema, DAY, Optional.empty());
        Dataset<Row> out = plan.transform(plan.selectFromRawTable(rows(schema,
                new Object[] {inside, " VOLUME ", 10.4, "HERE"},
                new Object[] {inside, "occupancy", 20.4, "FUSION"},
                new Object[] {inside, "occupancy", 21.4, "TOMTOM"},
                new Object[] {inside, "travel_time", 30.6, "FUSION"},
                new Object[] {inside, "Raw_Probe_Count ", 40.0, "FUSION"},
                new Object[] {inside, "legacy_score", 50.0, "FUSION"},
                new Object[] {outside, "volume", 60.0, "FUSION"})), "withheld");
        out.collectAsList(); // the counts come with a Dataset action (not one through its RDD)
        Row counts = out.queryExecution().observedMetrics().get("withheld").get();

        assertFrameEquals(rows(schema,
                new Object[] {inside, " VOLUME ", 10.4, "HERE"},
                new Object[] {inside, "occupancy", 20.4, "FUSION"},
                new Object[] {inside, "occupancy", null, "TOMTOM"},
                new Object[] {inside, "travel_time", 31.0, "FUSION"}), out);
        assertThat(plan.warehousePredicates(SqlDialect.POSTGRESQL)).containsExactly("\"ts\" >= '2026-10-02 14:00:00+00'", "\"ts\" < '2026-10-03 13:00:00+00'",
                "upper(btrim(\"metric_name\")) IN ('OCCUPANCY', 'TRAVEL_TIME', 'VOLUME')");
        // the occupancy (mx) of TOMTOM (hwc): withheld by the metric's rule; the de and unknown metrics never left the warehouse
        assertThat(counts.getValuesMap(scala.collection.JavaConverters.asScalaBuffer(TablePlan.WITHHELD_REASONS).toSeq()).toString())
                .isEqualTo("Map(unknown_source -> 0, de_source -> 0, metric_rule -> 1, over_limits -> 0)");
    }

    @Test
    void plan_piiColumns_neverInClear_freeTextScrubbed() {
        StructType schema = new StructType().add("email", DataTypes.StringType).add("name", DataTypes.StringType)
                .add("serial", DataTypes.StringType).add("notes", DataTypes.StringType).add("phone", DataTypes.StringType);
        PolicyRows rows = policy().table("c", null, null)
                .column("c", "email", "nr", null, "EMAIL")
                .column("c", "name", "hwc", "REDACT", "PERSON_NAME")
                .column("c", "serial", "hwc", "SHOW_LAST_4", "DEVICE_ID")
                .column("c", "notes", "nr", null, "FREE_TEXT")
                .column("c", "phone", "nr", null, "PHONE").rows();

        TablePlan plan = TablePlanner.plan(rows, "pm_internal", "c", schema, Optional.empty(), Optional.of(KEY));
        Dataset<Row> input = rows(schema, new Object[] {"a.b@ops.example.com", "Alice Nguyen", "SN-12345678", "call 0412 345 678 about ABC123", "0412345678"});
        Dataset<Row> out = plan.transform(plan.selectFromRawTable(input));
        Row expectedHashes = input.select(Treatments.hash(input.col("email"), KEY), Treatments.hash(input.col("phone"), KEY)).first();

        assertFrameEquals(rows(schema, new Object[] {expectedHashes.getString(0), "Xxxxx Xxxxxx", "XX-00005678", "call <PHONE> about <PLATE>",
            expectedHashes.getString(1)}), out);
        assertThat(plan.columnFates()).extracting(ColumnFate::detail).containsExactly(
                "pii EMAIL: HASH", "REDACT; pii PERSON_NAME: REDACT", "SHOW_LAST_4; pii DEVICE_ID: SHOW_LAST_4", "pii FREE_TEXT: scrubbed",
                "pii PHONE: HASH");
    }

    @Test
    void plan_expandGzip_restoresUnderTheTwinsName_andScrubsFreeTextAfterExpansion() {
        StructType schema = new StructType().add("id", DataTypes.LongType).add("geo_compressed", DataTypes.StringType)
                .add("notes_compressed", DataTypes.StringType);
        PolicyRows rows = policy().table("w", null, null).column("w", "id", "nr").column("w", "geo", "nr")
                .column("w", "geo_compressed", "hwc", "EXPAND_GZIP", null)
                .column("w", "notes", "nr", null, "FREE_TEXT").column("w", "notes_compressed", "hwc", "EXPAND_GZIP", null).rows();
        String geo = "H4sIAAAAAAACA6tWKspPTFGyUiopKk1VqgUAHTc7gg8AAAA=";
        String notes = gzipBase64("call 0412 345 678 or mail a.b@ops.example.com");

        TablePlan plan = TablePlanner.plan(rows, "pm_internal", "w", schema, Optional.empty(), Optional.empty());
        Dataset<Row> out = plan.transform(plan.selectFromRawTable(rows(schema, new Object[] {1L, geo, notes})));

        assertFrameEquals(rows(new StructType().add("id", DataTypes.LongType).add("geo", DataTypes.StringType).add("notes", DataTypes.StringType),
                new Object[] {1L, "{\"road\":\"true\"}", "call <PHONE> or mail <EMAIL>"}), out);
        assertThat(plan.columnFates()).containsExactly(new ColumnFate("id", Fate.KEPT, "id", "", "bigint"),
                new ColumnFate("geo_compressed", Fate.TREATED, "geo", "EXPAND_GZIP", "string"),
                new ColumnFate("notes_compressed", Fate.TREATED, "notes", "EXPAND_GZIP; pii FREE_TEXT: scrubbed after expansion", "string"));
        assertThat(plan.warnings()).isEmpty();
    }

    @Test
    void transform_countsTheCellsItWithholds_byReason_asTheRowsPass() {
        StructType schema = new StructType().add("source", DataTypes.StringType).add("speed", DataTypes.DoubleType)
                .add("travel", DataTypes.DoubleType).add("notes", DataTypes.StringType);
        PolicyRows rows = policy().table("s", null, "source").column("s", "source", "nr").column("s", "speed", "mx", "ROUND(0)", null)
                .column("s", "travel", "mx", "NULLIFY", null).column("s", "notes", "nr", null, "FREE_TEXT")
                .source("FUSION", "nr").source("HERE", "de").source("TOMTOM", "hwc").rows();
        TablePlan plan = TablePlanner.plan(rows, "pm_internal", "s", schema, Optional.empty(), Optional.empty());
        Dataset<Row> out = plan.transform(plan.selectFromRawTable(rows(schema, new Object[] {"FUSION", 51.4, 1.0, "call 0412 345 678"},
                new Object[] {"TOMTOM", 53.6, 2.0, null}, new Object[] {"HERE", 55.5, 3.0, "fine"}, new Object[] {null, 57.5, 4.0, "ok"},
                new Object[] {"NEW", 58.5, 5.0, "x".repeat(io.dataexporter.classification.transform.PiiScrubber.MAX_CELL_CHARS + 1)})), "withheld");

        assertThat(out.collectAsList()).extracting(row -> row.get(1) + "|" + row.get(2) + "|" + (row.getString(3) == null ? null
                : row.getString(3).length() > 40 ? "long" : row.getString(3)))
                .containsExactly("51.4|1.0|call <PHONE>", "54.0|null|null", "null|null|fine", "null|null|ok", "null|null|null");
        assertThat(out.columns()).containsExactly("source", "speed", "travel", "notes");
        // speed and travel of HERE (de), of the NULL source and of NEW (unknown); travel of TOMTOM is its treatment (NULLIFY),
        // not a withheld cell; the 1 Mi + 1 character note is over the scrubber's limit
        Row counts = out.queryExecution().observedMetrics().get("withheld").get();
        assertThat(counts.getValuesMap(scala.collection.JavaConverters.asScalaBuffer(TablePlan.WITHHELD_REASONS).toSeq()).toString())
                .isEqualTo("Map(unknown_source -> 4, de_source -> 2, metric_rule -> 0, over_limits -> 1)");
    }

    @Test
    void warehouseQuery_nullsWithheldCellsInTheWarehouse_andNeverReadsNullifiedColumns() {
        StructType schema = new StructType().add("ts", DataTypes.TimestampType).add("source", DataTypes.StringType)
                .add("speed", DataTypes.DoubleType).add("travel", DataTypes.DoubleType).add("secret", DataTypes.StringType)
                .add("plate", DataTypes.StringType);
        PolicyRows rows = policy().table("s", "ts", "source").column("s", "ts", "hwc", "TRUNCATE(hour)", null).column("s", "source", "nr")
                .column("s", "speed", "mx", "NULLIFY", null).column("s", "travel", "hwc", "NULLIFY", null)
                .column("s", "secret", "mx", "HASH", null).column("s", "plate", "nr", null, "PLATE")
                .source("FUSION", "nr").source("O'BRIEN", "hwc").rows();

        TablePlan plan = TablePlanner.plan(rows, "pm_internal", "s", schema, DAY, Optional.of(KEY));

        String level = "CASE \"de_source_class\" WHEN 0 THEN 0 WHEN 3 THEN 1 ELSE 2 END";
        assertThat(plan.selectedColumns()).containsExactly("ts", "source", "speed", "secret", "plate");
        assertThat(plan.warehouseQuery(SqlDialect.REDSHIFT)).isEqualTo("SELECT CAST(date_trunc('hour', \"ts\") AS timestamptz) AS \"ts\", \"source\","
                + " CASE " + level + " WHEN 0 THEN \"speed\" END AS \"speed\", CASE WHEN " + level + " < 2 THEN \"secret\" END AS \"secret\","
                + " \"plate\", \"de_source_class\" FROM (SELECT \"ts\", \"source\", \"speed\", \"secret\", \"plate\","
                + " CASE upper(btrim(\"source\")) WHEN 'FUSION' THEN 0 WHEN 'O''BRIEN' THEN 3 ELSE 9 END AS \"de_source_class\""
                + " FROM \"pm_internal\".\"s\" WHERE \"ts\" >= '2026-10-02 14:00:00+00' AND \"ts\" < '2026-10-03 13:00:00+00') AS \"de_policy\"");
        java.sql.Timestamp at = java.sql.Timestamp.valueOf("2026-10-03 01:23:45");
        Dataset<Row> input = rows(schema, new Object[] {at, "FUSION", 50.0, 1.0, "s1", "ABC123"}, new Object[] {at, "o'brien", 60.0, 2.0, "s2", "ABC123"},
                new Object[] {at, "HERE", 70.0, 3.0, "s3", "ABC123"});
        Dataset<Row> read = plan.selectFromRawTable(input);
        Row hashes = input.select(Treatments.hash(input.col("secret"), KEY), Treatments.hash(input.col("plate"), KEY)).collectAsList().get(1);
        java.sql.Timestamp hour = java.sql.Timestamp.valueOf("2026-10-03 01:00:00");

        assertThat(read.collectAsList()).extracting(Row::toString).containsExactly(
                "[" + hour + ",FUSION,50.0,s1,ABC123,0]", "[" + hour + ",o'brien,null,s2,ABC123,3]", "[" + hour + ",HERE,null,null,ABC123,9]");
        assertFrameEquals(rows(new StructType().add("ts", DataTypes.TimestampType).add("source", DataTypes.StringType)
                        .add("speed", DataTypes.DoubleType).add("travel", DataTypes.DoubleType).add("secret", DataTypes.StringType)
                        .add("plate", DataTypes.StringType),
                new Object[] {hour, "FUSION", 50.0, null, "s1", hashes.getString(1)},
                new Object[] {hour, "o'brien", null, null, hashes.getString(0), hashes.getString(1)},
                new Object[] {hour, "HERE", null, null, null, hashes.getString(1)}), plan.transform(read));
    }

    @Test
    void warehousePredicates_escapeLiteralsForTheDialect() {
        StructType schema = new StructType().add("metric", DataTypes.StringType).add("value", DataTypes.DoubleType);
        PolicyRows rows = policy().longTable("m", null, null, "metric", "value").column("m", "metric", "nr").column("m", "value", "nr")
                .metric("m", "it's", "nr").rows();

        TablePlan plan = TablePlanner.plan(rows, "pm_internal", "m", schema, Optional.empty(), Optional.of(KEY));

        assertThat(plan.warehousePredicates(SqlDialect.REDSHIFT)).containsExactly("upper(btrim(\"metric\")) IN ('IT''S')");
        assertThat(SqlDialect.REDSHIFT.stringLiteral("a\\'b")).isEqualTo("'a\\\\''b'");
        assertThat(SqlDialect.POSTGRESQL.stringLiteral("a\\'b")).isEqualTo("'a\\''b'");
    }

    /** GZIP + base64 of a text, as compressed columns hold it. */
    static String gzipBase64(String text) {
        try {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            try (java.util.zip.GZIPOutputStream gzip = new java.util.zip.GZIPOutputStream(bytes)) {
                gzip.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            return java.util.Base64.getEncoder().encodeToString(bytes.toByteArray());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void reportJson_listsFatesWithheldAndWarnings() {
        StructType schema = new StructType().add("id", DataTypes.LongType).add("ref", DataTypes.StringType);
        PolicyRows rows = policy().table("t", null, null).column("t", "id", "nr").column("t", "gone", "nr").rows();

        TablePlan plan = TablePlanner.plan(rows, "pm_internal", "t", schema, Optional.empty(), Optional.empty());

        assertThat(plan.reportJson()).isEqualTo("{\"table\":\"pm_internal.t\",\"policyVersion\":\"" + rows.version() + "\",\"columns\":["
                + "{\"column\":\"id\",\"fate\":\"kept\",\"output\":\"id\",\"detail\":\"\"},"
                + "{\"column\":\"ref\",\"fate\":\"withheld\",\"output\":\"\",\"detail\":\"no classification rule\"}],"
                + "\"withheld\":[\"ref\"],\"warnings\":[\"data_column_classification names column 'gone', which the table does not have\"]}");
        assertThat(plan.reportText(SqlDialect.POSTGRESQL)).isEqualTo("pm_internal.t  (policy " + rows.version() + ", snapshot)\n"
                + "  kept      id\n"
                + "  withheld  ref                                      no classification rule\n"
                + "  warning   data_column_classification names column 'gone', which the table does not have\n"
                + "  SQL: SELECT \"id\" FROM \"pm_internal\".\"t\"\n");
    }
}
