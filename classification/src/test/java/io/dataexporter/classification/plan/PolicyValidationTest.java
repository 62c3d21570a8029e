package io.dataexporter.classification.plan;

import static io.dataexporter.classification.plan.Policies.policy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataexporter.classification.policy.HashKey;
import io.dataexporter.classification.policy.PolicyException;
import io.dataexporter.classification.policy.PolicyRows;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class PolicyValidationTest {

    private static final StructType CCTV = new StructType().add("event_time", DataTypes.TimestampType).add("plate", DataTypes.StringType)
            .add("lat", DataTypes.DoubleType).add("source", DataTypes.StringType);

    private static List<String> problems(PolicyRows rows, Optional<HashKey> key) {
        try {
            TablePlanner.plan(rows, "pm_internal", "cctv", CCTV, Optional.empty(), key);
        } catch (PolicyException e) {
            assertThat(e.table()).isEqualTo("cctv");
            return e.problems();
        }
        throw new AssertionError("expected a PolicyException");
    }

    @Test
    void plan_unknownClassification_namesTableColumnCodeAndExpected() {
        assertThat(problems(policy().table("cctv", null, null).column("cctv", "plate", "xx").rows(), Optional.empty())).containsExactly(
                "Cannot export table pm_internal.cctv: column 'plate' has unknown classification 'xx' (expected nr, mx, de, hwc)");
    }

    @Test
    void plan_unknownTreatmentAndPiiType_namesThem() {
        assertThat(problems(policy().table("cctv", null, null).column("cctv", "plate", "hwc", "SCRAMBLE", "PASSPORT").rows(), Optional.empty()))
                .containsExactly(
                        "Cannot export table pm_internal.cctv: column 'plate' has unknown treatment 'SCRAMBLE' (expected HASH, REDACT, SHOW_LAST_4,"
                                + " SHOW_FIRST_4, NULLIFY, ROUND(n), TRUNCATE(hour|day), YEAR_ONLY, EXPAND_GZIP, BUCKET(n))",
                        "Cannot export table pm_internal.cctv: column 'plate' has unknown pii_type 'PASSPORT' (expected PERSON_NAME, EMAIL, PHONE,"
                                + " PLATE, DEVICE_ID, IP_ADDRESS, FREE_TEXT)");
    }

    @Test
    void plan_duplicateRules_forColumnSourceAndMetric() {
        PolicyRows rows = policy().longTable("cctv", null, "source", "plate", "lat").column("cctv", "lat", "nr").column("cctv", "lat", "hwc", "ROUND(1)", null)
                .source("HERE", "de").source(" here ", "nr").metric("cctv", "a", "nr").metric("cctv", "A", "de").rows();

        assertThat(problems(rows, Optional.empty())).containsExactly(
                "Cannot export table pm_internal.cctv: column 'lat' has 2 rules in data_column_classification (names compare trimmed and"
                        + " case-insensitively): data_column_classification row ('cctv', 'lat', 'nr', NULL, NULL),"
                        + " data_column_classification row ('cctv', 'lat', 'hwc', 'ROUND(1)', NULL); keep one",
                "Cannot export table pm_internal.cctv: source 'HERE' has 2 rules in actual_data_classifications (after trimming and upper-casing):"
                        + " actual_data_classifications row ('HERE', 'de'), actual_data_classifications row (' here ', 'nr'); keep one",
                "Cannot export table pm_internal.cctv: metric 'A' has 2 rules in long_table_data_classifications (after trimming and upper-casing):"
                        + " long_table_data_classifications row ('cctv', 'a', 'nr'), long_table_data_classifications row ('cctv', 'A', 'de'); keep one");
    }

    @Test
    void plan_caseVariantColumnRule_isTheColumnsRule_andItsDuplicateConflicts() {
        PolicyRows variant = policy().table("cctv", null, null).column("cctv", "plate", "nr").column("CCTV ", " Plate", "hwc", "REDACT", null).rows();
        PolicyRows stricterOnly = policy().table("cctv", null, null).column("CCTV", "PLATE ", "hwc", "REDACT", null).rows();

        assertThat(problems(variant, Optional.empty())).containsExactly(
                "Cannot export table pm_internal.cctv: column 'plate' has 2 rules in data_column_classification (names compare trimmed and"
                        + " case-insensitively): data_column_classification row ('cctv', 'plate', 'nr', NULL, NULL),"
                        + " data_column_classification row ('CCTV ', ' Plate', 'hwc', 'REDACT', NULL); keep one");
        assertThat(TablePlanner.plan(stricterOnly, "pm_internal", "cctv", CCTV, Optional.empty(), Optional.empty()).columnFates())
                .filteredOn(fate -> fate.column().equals("plate")).extracting(ColumnFate::detail).containsExactly("REDACT");
    }

    @Test
    void plan_duplicateExportTablesRows_differentlyCased_failNamingBoth() {
        PolicyRows rows = policy().longTable("cctv", "event_time", "source", "plate", "lat").table(" CCTV", "event_time", "source").rows();

        assertThat(rows.enabledTables()).extracting(PolicyRows.ExportTableRow::tableName).containsExactly("cctv");
        assertThat(problems(rows, Optional.empty())).containsExactly(
                "Cannot export table pm_internal.cctv: export_tables has 2 rows for it (names compare trimmed and case-insensitively, as Redshift"
                        + " resolves them): export_tables row ('cctv', true, 'event_time', 'source', 'plate', 'lat'),"
                        + " export_tables row (' CCTV', true, 'event_time', 'source', NULL, NULL); keep one");
    }

    @Test
    void plan_sourceOrMetricWithBackslashOrControlCharacter_isRefused() {
        PolicyRows rows = policy().longTable("cctv", null, "source", "plate", "lat").column("cctv", "lat", "nr")
                .source("FUSION\\", "nr").source("HE\nRE", "hwc").metric("cctv", "speed\\", "nr").rows();

        assertThat(problems(rows, Optional.empty())).containsExactly(
                "Cannot export table pm_internal.cctv: source 'FUSION\\' in actual_data_classifications row ('FUSION\\', 'nr') contains a backslash,"
                        + " which PostgreSQL and Redshift read differently in SQL literals; remove it from the name",
                "Cannot export table pm_internal.cctv: source 'HE\\u000aRE' in actual_data_classifications row ('HE\nRE', 'hwc') contains a control"
                        + " character; remove it from the name",
                "Cannot export table pm_internal.cctv: metric 'speed\\' in long_table_data_classifications row ('cctv', 'speed\\', 'nr') contains a"
                        + " backslash, which PostgreSQL and Redshift read differently in SQL literals; remove it from the name");
    }

    @Test
    void plan_nullOrBlankSourceOrMetricName_isRefused() {
        PolicyRows rows = policy().longTable("cctv", null, "source", "plate", "lat").column("cctv", "lat", "nr")
                .source(null, "nr").metric("cctv", "  ", "nr").rows();

        assertThat(problems(rows, Optional.empty())).containsExactly(
                "Cannot export table pm_internal.cctv: source 'NULL' in actual_data_classifications row (NULL, 'nr') is NULL, which names no value"
                        + " (it would match only cells that are empty after trimming); give the name, or delete the row",
                "Cannot export table pm_internal.cctv: metric '  ' in long_table_data_classifications row ('cctv', '  ', 'nr') is blank, which names"
                        + " no value (it would match only cells that are empty after trimming); give the name, or delete the row");
    }

    // The fate of geo_compressed in table w; the plan itself must succeed (a twin conflict costs that column only).
    private static ColumnFate compressedFate(PolicyRows rows, StructType schema) {
        TablePlan plan = TablePlanner.plan(rows, "pm_internal", "w", schema, Optional.empty(), Optional.of(HashKey.fromPepper("pepper-for-tests-0001")));
        return plan.columnFates().stream().filter(fate -> fate.column().equals("geo_compressed")).findFirst().orElseThrow();
    }

    @Test
    void plan_compressedColumnWhoseRuleContradictsItsTwins_isWithheldAlone_namingBothRowsAndTheFix() {
        StructType both = new StructType().add("geo", DataTypes.StringType).add("geo_compressed", DataTypes.StringType);
        StructType compressedOnly = new StructType().add("id", DataTypes.LongType).add("geo_compressed", DataTypes.StringType);
        String own = "its own data_column_classification row ('w', 'geo_compressed', ";

        ColumnFate intoDe = compressedFate(policy().table("w", null, null).column("w", "geo", "de")
                .column("w", "geo_compressed", "hwc", "EXPAND_GZIP", null).rows(), both);
        ColumnFate intoNothing = compressedFate(policy().table("w", null, null).column("w", "geo_compressed", "hwc", "EXPAND_GZIP", null).rows(), both);
        ColumnFate hashedTwinRaw = compressedFate(policy().table("w", null, null).column("w", "geo", "hwc", "HASH", null)
                .column("w", "geo_compressed", "nr").rows(), compressedOnly);
        ColumnFate freeTextTwinRaw = compressedFate(policy().table("w", null, null).column("w", "geo", "nr", null, "FREE_TEXT")
                .column("w", "geo_compressed", "nr").rows(), compressedOnly);
        ColumnFate sameName = compressedFate(policy().table("w", null, null).column("w", "geo", "nr")
                .column("w", "geo_compressed", "hwc", "EXPAND_GZIP", null).rows(), both);
        ColumnFate ownTreatment = compressedFate(policy().table("w", null, null).column("w", "geo", "nr")
                .column("w", "geo_compressed", "hwc", "HASH", null).rows(), compressedOnly);
        ColumnFate ownPii = compressedFate(policy().table("w", null, null).column("w", "geo", "nr", null, "EMAIL")
                .column("w", "geo_compressed", "hwc", "EXPAND_GZIP", "FREE_TEXT").rows(), compressedOnly);
        ColumnFate twinExpands = compressedFate(policy().table("w", null, null).column("w", "geo", "hwc", "EXPAND_GZIP", null)
                .column("w", "geo_compressed", "hwc", "EXPAND_GZIP", null).rows(), compressedOnly);

        assertThat(List.of(intoDe, intoNothing, hashedTwinRaw, freeTextTwinRaw, sameName, ownTreatment, ownPii, twinExpands))
                .allMatch(ColumnFate::isTwinConflict).extracting(fate -> fate.detail().substring(ColumnFate.TWIN_CONFLICT.length())).containsExactly(
                "'geo' is classified de (data_column_classification row ('w', 'geo', 'de', NULL, NULL)), so its content stays in the warehouse,"
                        + " while " + own + "'hwc', 'EXPAND_GZIP', NULL) exports it; classify 'geo_compressed' de",
                "'geo' has no rule in data_column_classification, so its content has none (" + own + "'hwc', 'EXPAND_GZIP', NULL)); add a rule"
                        + " for 'geo', or classify 'geo_compressed' de",
                own + "'nr', NULL, NULL) exports it compressed, but the rule of 'geo' (data_column_classification row ('w', 'geo', 'hwc', 'HASH',"
                        + " NULL)) applies to the text, which only expansion lets the export see; set its treatment to EXPAND_GZIP, or classify"
                        + " 'geo_compressed' de",
                own + "'nr', NULL, NULL) exports it compressed, but the rule of 'geo' (data_column_classification row ('w', 'geo', 'nr', NULL,"
                        + " 'FREE_TEXT')) applies to the text, which only expansion lets the export see; set its treatment to EXPAND_GZIP, or"
                        + " classify 'geo_compressed' de",
                "'geo' is a column of the table too, exported under that name, and expanded 'geo_compressed' would be exported under the same"
                        + " name; classify 'geo_compressed' de or classify 'geo' de",
                own + "'hwc', 'HASH', NULL) treats the compressed text with HASH, but its content gets the rule of 'geo' after expansion; set its"
                        + " treatment to EXPAND_GZIP, or classify 'geo_compressed' de",
                own + "'hwc', 'EXPAND_GZIP', 'FREE_TEXT') gives pii_type FREE_TEXT, and 'geo' gives EMAIL (data_column_classification row ('w',"
                        + " 'geo', 'nr', NULL, 'EMAIL')); the content's pii_type is its twin's: set it on 'geo' only",
                "'geo' is given EXPAND_GZIP (data_column_classification row ('w', 'geo', 'hwc', 'EXPAND_GZIP', NULL)), which only a *_compressed"
                        + " column may be; give 'geo' the rule its content needs");
    }

    @Test
    void plan_valueTwinExportedCompressed_isWithheld_becauseTheMetricRuleAppliesToItsContent() {
        StructType schema = new StructType().add("source", DataTypes.StringType).add("metric", DataTypes.StringType)
                .add("value", DataTypes.StringType).add("value_compressed", DataTypes.StringType);
        PolicyRows rows = policy().longTable("m", null, "source", "metric", "value").column("m", "source", "nr").column("m", "metric", "nr")
                .column("m", "value", "nr").column("m", "value_compressed", "nr").source("FUSION", "nr").metric("m", "SPEED", "mx").rows();

        TablePlan plan = TablePlanner.plan(rows, "pm_internal", "m", schema, Optional.empty(), Optional.of(HashKey.fromPepper("pepper-for-tests-0001")));

        assertThat(plan.selectedColumns()).containsExactly("source", "metric", "value");
        assertThat(plan.columnFates().get(3).detail()).isEqualTo(ColumnFate.TWIN_CONFLICT + "its own data_column_classification row ('m',"
                + " 'value_compressed', 'nr', NULL, NULL) exports it compressed, but the rule of 'value' (data_column_classification row ('m',"
                + " 'value', 'nr', NULL, NULL)) and the metric rule of a value column apply to the text, which only expansion lets the export see;"
                + " set its treatment to EXPAND_GZIP, or classify 'value_compressed' de");
    }

    @Test
    void plan_compressedTwinThatAgreesWithItsColumn_leavesInTheFormItsRowAsks() {
        StructType schema = new StructType().add("geo", DataTypes.StringType).add("geo_compressed", DataTypes.StringType);
        // a plain nr twin may leave in both forms; a free-text twin leaves expanded and scrubbed
        PolicyRows plainTwin = policy().table("w", null, null).column("w", "geo", "nr").column("w", "geo_compressed", "nr").rows();
        assertThat(TablePlanner.plan(plainTwin, "pm_internal", "w", schema, Optional.empty(), Optional.empty()).selectedColumns())
                .containsExactlyInAnyOrder("geo", "geo_compressed");
        PolicyRows expandedFreeText = policy().table("w", null, null).column("w", "geo", "nr", null, "FREE_TEXT")
                .column("w", "geo_compressed", "nr", "EXPAND_GZIP", null).rows();
        TablePlan expanded = TablePlanner.plan(expandedFreeText, "pm_internal", "w", new StructType().add("geo_compressed", DataTypes.StringType),
                Optional.empty(), Optional.empty());
        assertThat(expanded.columnFates()).containsExactly(new ColumnFate("geo_compressed", ColumnFate.Fate.TREATED, "geo",
                "EXPAND_GZIP; pii FREE_TEXT: scrubbed after expansion", "string"));
        assertThat(expanded.warnings()).isEmpty();
    }

    @Test
    void plan_twinWithAnInvalidRule_failsTheTableAsAnyInvalidRuleDoes() {
        PolicyRows rows = policy().table("w", null, null).column("w", "geo", "secret").column("w", "geo_compressed", "hwc", "EXPAND_GZIP", null).rows();

        assertThatThrownBy(() -> TablePlanner.plan(rows, "pm_internal", "w", new StructType().add("geo_compressed", DataTypes.StringType),
                Optional.empty(), Optional.empty())).hasMessage("Cannot export table pm_internal.w: column 'geo' has unknown classification 'secret'"
                + " (expected nr, mx, de, hwc)");
    }

    @Test
    void requireIdentifier_refusesATableNameThatIsAPathOrHoldsControlCharacters() {
        TablePlanner.requireIdentifier("pm_internal", "way_speed");
        assertThatThrownBy(() -> TablePlanner.requireIdentifier("pm_internal", "../../prod")).isInstanceOf(PolicyException.class).hasMessage(
                "Cannot export table pm_internal.../../prod: export_tables names table '../../prod', which is not a valid identifier (letters, digits"
                        + " and _, starting with a letter or _, at most 127); correct or delete that export_tables row");
        assertThatThrownBy(() -> TablePlanner.requireIdentifier("pm_internal", "way\nspeed"))
                .hasMessageContaining("names table 'way\\u000aspeed'");
        assertThatThrownBy(() -> TablePlanner.requireIdentifier("pm_internal", "a".repeat(128))).hasMessageContaining("at most 127");
    }

    @Test
    void plan_mxWithoutSourceColumn_saysHowToFix() {
        assertThat(problems(policy().table("cctv", null, null).column("cctv", "lat", "mx", "ROUND(1)", null).rows(), Optional.empty())).containsExactly(
                "Cannot export table pm_internal.cctv: column 'lat' is classified mx, but export_tables gives the table no source_column;"
                        + " set source_column or classify the column nr, hwc or de");
    }

    @Test
    void plan_hashWithoutPepper_failsNamingTheColumnAndTheSetting() {
        assertThat(problems(policy().table("cctv", null, null).column("cctv", "plate", "hwc").rows(), Optional.empty())).containsExactly(
                "Cannot export table pm_internal.cctv: column 'plate' needs HASH, but no hash pepper is configured;"
                        + " set the setting hash.pepper (DATA_EXPORTER_HASH_PEPPER, or spark.dataexporter.hash.pepper on EMR), e.g. to a Secrets"
                        + " Manager ARN");
        // a pii_type makes HASH the floor even of an nr column
        assertThat(problems(policy().table("cctv", null, null).column("cctv", "plate", "nr", null, "PLATE").rows(), Optional.empty())).containsExactly(
                "Cannot export table pm_internal.cctv: column 'plate' needs HASH, but no hash pepper is configured;"
                        + " set the setting hash.pepper (DATA_EXPORTER_HASH_PEPPER, or spark.dataexporter.hash.pepper on EMR), e.g. to a Secrets"
                        + " Manager ARN");
    }

    @Test
    void plan_roundWithoutNumber_andRoundOnText() {
        assertThat(problems(policy().table("cctv", null, null).column("cctv", "lat", "hwc", "ROUND(x)", null).rows(), Optional.empty()))
                .containsExactly("Cannot export table pm_internal.cctv: column 'lat' has treatment 'ROUND(x)': ROUND(n) needs a whole number of digits,"
                        + " e.g. ROUND(3)");
        assertThat(problems(policy().table("cctv", null, null).column("cctv", "plate", "hwc", "ROUND(2)", null)
                .column("cctv", "event_time", "hwc", "TRUNCATE(minute)", null).rows(), Optional.empty())).containsExactly(
                "Cannot export table pm_internal.cctv: column 'event_time' has treatment 'TRUNCATE(minute)': TRUNCATE(unit) needs the unit hour or day,"
                        + " e.g. TRUNCATE(hour)");
    }

    @Test
    void plan_textMaskOnANumberOrADate_withholdsTheColumn_forTheWarehouseMasksTextOnly() {
        StructType types = new StructType().add("event_time", DataTypes.DateType).add("plate", DataTypes.LongType)
                .add("lat", DataTypes.StringType).add("source", DataTypes.StringType);
        TablePlan plan = TablePlanner.plan(policy().table("cctv", null, null).column("cctv", "plate", "hwc", "SHOW_LAST_4", "PHONE")
                .column("cctv", "event_time", "hwc", "REDACT", null).column("cctv", "lat", "hwc", "SHOW_FIRST_4", null)
                .column("cctv", "source", "nr", null, null).rows(), "pm_internal", "cctv", types, Optional.empty(), Optional.empty());

        assertThat(plan.columnFates()).containsExactly(
                new ColumnFate("event_time", ColumnFate.Fate.WITHHELD, "", "its treatment does not fit its type: treatment REDACT on type date;"
                        + " REDACT masks text; export a text cast of the column (a view), or choose HASH or NULLIFY", "date"),
                new ColumnFate("plate", ColumnFate.Fate.WITHHELD, "", "its treatment does not fit its type: treatment SHOW_LAST_4 on type bigint;"
                        + " SHOW_LAST_4 masks text; export a text cast of the column (a view), or choose HASH or NULLIFY", "bigint"),
                plan.columnFates().get(2),
                new ColumnFate("source", ColumnFate.Fate.KEPT, "source", "", "string"));
        assertThat(plan.columnFates().get(2).fate()).isEqualTo(ColumnFate.Fate.TREATED);
        assertThat(plan.selectedColumns()).doesNotContain("event_time", "plate");
    }

    @Test
    void plan_treatmentThatNoLongerFitsItsType_withholdsThatColumnOnly() {
        // the warehouse turned lat into text and event_time into a number: those columns are withheld, the rest goes on
        StructType changed = new StructType().add("event_time", DataTypes.LongType).add("plate", DataTypes.StringType)
                .add("lat", DataTypes.StringType).add("source", DataTypes.StringType);
        TablePlan plan = TablePlanner.plan(policy().table("cctv", null, null).column("cctv", "lat", "hwc", "ROUND(2)", null)
                .column("cctv", "event_time", "hwc", "TRUNCATE(hour)", null).column("cctv", "source", "nr", null, null).rows(),
                "pm_internal", "cctv", changed, Optional.empty(), Optional.empty());
        assertThat(plan.columnFates()).containsExactly(
                new ColumnFate("event_time", ColumnFate.Fate.WITHHELD, "", "its treatment does not fit its type: treatment TRUNCATE(hour) on type bigint;"
                        + " TRUNCATE applies to dates and timestamps", "bigint"),
                new ColumnFate("plate", ColumnFate.Fate.WITHHELD, "", "no classification rule", "string"),
                new ColumnFate("lat", ColumnFate.Fate.WITHHELD, "", "its treatment does not fit its type: treatment ROUND(2) on type string;"
                        + " ROUND applies to numbers", "string"),
                new ColumnFate("source", ColumnFate.Fate.KEPT, "source", "", "string"));
        assertThat(plan.columnFates().stream().filter(ColumnFate::isTypeMisfit).map(ColumnFate::column)).containsExactly("event_time", "lat");
    }

    @Test
    void plan_timeColumnMissingOrNotAnIdentifier() {
        assertThat(problems(policy().table("cctv", "reported_at", "source; DROP TABLE x").rows(), Optional.empty())).containsExactly(
                "Cannot export table pm_internal.cctv: export_tables gives time_column 'reported_at', which is not a column of the table"
                        + " (it has event_time, lat, plate, source)",
                "Cannot export table pm_internal.cctv: export_tables gives source_column 'source; DROP TABLE x', which is not a valid identifier"
                        + " (letters, digits and _, starting with a letter or _)");
    }

    @Test
    void plan_tableWithoutExportRow_saysSo() {
        assertThatThrownBy(() -> TablePlanner.plan(policy().rows(), "pm_internal", "cctv", CCTV, Optional.empty(), Optional.empty()))
                .isInstanceOf(PolicyException.class)
                .hasMessage("Cannot export table pm_internal.cctv: it has no row in export_tables; add one (with enabled = true) to export it");
    }

    @Test
    void plan_tableNamedLikeThePolicysIcebergTables_isRefused_evenWithItsRow() {
        PolicyRows rows = policy().table("classification_export_tables", "event_time", "source").rows();
        assertThatThrownBy(() -> TablePlanner.plan(rows, "pm_internal", "Classification_Export_Tables", CCTV, Optional.empty(), Optional.empty()))
                .isInstanceOf(PolicyException.class)
                .hasMessage("Cannot export table pm_internal.Classification_Export_Tables: the Iceberg tables named classification_* hold the policy"
                        + " each run exports (classification_export_tables, ...), so a warehouse table of that name would share them; rename it in the"
                        + " warehouse (or export a view of it under another name)");
    }

    @Test
    void hashKey_neverShowsThePepper_andRejectsShortOnes() {
        String pepper = "pepper-for-tests-0001";
        assertThat(HashKey.fromPepper(pepper).toString()).isEqualTo("HashKey[****]");
        assertThatThrownBy(() -> HashKey.fromPepper("short-secret"))
                .hasMessage("The hash pepper must be at least 16 characters (it is 12 characters); set a longer DATA_EXPORTER_HASH_PEPPER")
                .message().doesNotContain("short-secret");
    }

    @Test
    void version_ignoresRowOrder_changesWithAnyRule() {
        PolicyRows one = policy().table("cctv", null, null).column("cctv", "lat", "nr").column("cctv", "plate", "hwc").source("HERE", "de").rows();
        PolicyRows reordered = policy().source("HERE", "de").column("cctv", "plate", "hwc").column("cctv", "lat", "nr").table("cctv", null, null).rows();
        PolicyRows changed = policy().table("cctv", null, null).column("cctv", "lat", "nr").column("cctv", "plate", "de").source("HERE", "de").rows();

        assertThat(one.version()).isEqualTo(reordered.version()).hasSize(16).isNotEqualTo(changed.version());
    }
}
