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
                                + " SHOW_FIRST_4, NULLIFY, ROUND(n), TRUNCATE(hour|day), YEAR_ONLY, EXPAND_GZIP)",
                        "Cannot export table pm_internal.cctv: column 'plate' has unknown pii_type 'PASSPORT' (expected PERSON_NAME, EMAIL, PHONE,"
                                + " PLATE, DEVICE_ID, IP_ADDRESS, FREE_TEXT)");
    }

    @Test
    void plan_duplicateRules_forColumnSourceAndMetric() {
        PolicyRows rows = policy().longTable("cctv", null, "source", "plate", "lat").column("cctv", "lat", "nr").column("cctv", "lat", "hwc", "ROUND(1)", null)
                .source("HERE", "de").source(" here ", "nr").metric("cctv", "a", "nr").metric("cctv", "A", "de").rows();

        assertThat(problems(rows, Optional.empty())).containsExactly(
                "Cannot export table pm_internal.cctv: column 'lat' has 2 rules in data_column_classification; keep one",
                "Cannot export table pm_internal.cctv: source 'HERE' has 2 rules in actual_data_classifications (after trimming and upper-casing); keep one",
                "Cannot export table pm_internal.cctv: metric 'A' has 2 rules in long_table_data_classifications (after trimming and upper-casing); keep one");
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
                        + " set DATA_EXPORTER_HASH_PEPPER or data-exporter.hash.pepper-secret");
        assertThat(problems(policy().table("cctv", null, null).column("cctv", "plate", "nr", null, "PLATE").rows(), Optional.empty())).hasSize(1);
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
        assertThat(problems(policy().table("cctv", null, null).column("cctv", "plate", "hwc", "ROUND(2)", null).rows(), Optional.empty()))
                .containsExactly("Cannot export table pm_internal.cctv: column 'plate' has treatment ROUND(2) but is of type string; ROUND applies to numbers");
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
