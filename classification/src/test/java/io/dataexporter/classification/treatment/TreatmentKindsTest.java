package io.dataexporter.classification.treatment;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataexporter.classification.SparkTest;
import io.dataexporter.classification.expr.Expr;
import io.dataexporter.classification.expr.SqlDialect;
import io.dataexporter.classification.policy.HashKey;
import io.dataexporter.classification.policy.Treatment;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** The treatments of the registry: parsed from their codes, validated, and each applied whole (its warehouse form, then Spark's step). */
class TreatmentKindsTest extends SparkTest {

    private static final HashKey KEY = HashKey.fromPepper("pepper-for-tests-0001");

    // the warehouse step rendered as a Spark Column over the raw value, then Spark's step: the treatment as a whole
    private static Column whole(String code, String column, DataType type) {
        Treatment treatment = Treatment.parse(code).orElseThrow();
        Optional<Expr> warehouse = treatment.kind().inWarehouse(Expr.ref(column), type, treatment.argument(), false);
        return warehouse.map(expr -> treatment.kind().inSpark(expr.column().cast(type), type, treatment.argument(), KEY))
                .orElse(org.apache.spark.sql.functions.lit(null).cast(type));
    }

    @Test
    void registry_derivesTheExpectedCodes_parsesEachWithItsArgument_andNamesWhatIsWrongWithOne() {
        assertThat(TreatmentKinds.EXPECTED).isEqualTo("HASH, REDACT, SHOW_LAST_4, SHOW_FIRST_4, NULLIFY, ROUND(n), TRUNCATE(hour|day), YEAR_ONLY,"
                + " EXPAND_GZIP, BUCKET(n)");
        assertThat(List.of("hash", " Round( 3 )", "TRUNCATE(Hour)", "bucket(10)", "YEAR_ONLY")).extracting(code -> Treatment.parse(code).orElseThrow().toString())
                .containsExactly("HASH", "ROUND(3)", "TRUNCATE(hour)", "BUCKET(10)", "YEAR_ONLY");
        // an argument where none is taken, none where one is, and an unknown code name no treatment
        assertThat(List.of("HASH(1)", "ROUND", "BUCKET", "SCRAMBLE")).allSatisfy(code -> assertThat(Treatment.parse(code)).as(code).isEmpty());
        assertThat(List.of("ROUND(x)", "TRUNCATE(week)", "BUCKET(0)", "BUCKET(-5)", "BUCKET(1000000000000000000)"))
                .extracting(code -> Treatment.parse(code).orElseThrow().argumentProblem().orElseThrow()).containsExactly(
                        "ROUND(n) needs a whole number of digits, e.g. ROUND(3)", "TRUNCATE(unit) needs the unit hour or day, e.g. TRUNCATE(hour)",
                        "BUCKET(n) needs a whole bucket width from 1 to 999999999999999999, e.g. BUCKET(10)",
                        "BUCKET(n) needs a whole bucket width from 1 to 999999999999999999, e.g. BUCKET(10)",
                        "BUCKET(n) needs a whole bucket width from 1 to 999999999999999999, e.g. BUCKET(10)");
        assertThat(Treatment.parse("BUCKET(10)").orElseThrow().argumentProblem()).isEmpty();
    }

    @Test
    void typeProblems_nameTheTypesEachTreatmentFits() {
        assertThat(TreatmentKinds.of("BUCKET").typeProblem(DataTypes.DoubleType)).contains("BUCKET applies to whole numbers (smallint, integer, bigint)");
        assertThat(TreatmentKinds.of("BUCKET").typeProblem(DataTypes.ShortType)).isEmpty();
        assertThat(TreatmentKinds.of("ROUND").typeProblem(DataTypes.StringType)).contains("ROUND applies to numbers");
        assertThat(TreatmentKinds.of("REDACT").typeProblem(DataTypes.LongType))
                .contains("REDACT masks text; export a text cast of the column (a view), or choose HASH or NULLIFY");
        assertThat(TreatmentKinds.of("HASH").typeProblem(DataTypes.DateType)).isEmpty();
    }

    @Test
    void roundTruncateYearOnlyNullify_onTheirTypes() {
        StructType schema = new StructType().add("d", DataTypes.DoubleType).add("t", DataTypes.TimestampType).add("day", DataTypes.DateType);
        Dataset<Row> input = rows(schema, new Object[] {-37.813611, java.sql.Timestamp.valueOf("2026-10-03 14:35:12"), java.sql.Date.valueOf("1987-06-15")});

        Dataset<Row> treated = input.select(whole("ROUND(3)", "d", DataTypes.DoubleType).as("round3"), whole("ROUND(0)", "d", DataTypes.DoubleType).as("round0"),
                whole("TRUNCATE(hour)", "t", DataTypes.TimestampType).as("hour"), whole("TRUNCATE(day)", "t", DataTypes.TimestampType).as("day"),
                whole("YEAR_ONLY", "day", DataTypes.DateType).as("year"), whole("NULLIFY", "d", DataTypes.DoubleType).as("gone"));

        assertFrameEquals(rows(new StructType().add("round3", DataTypes.DoubleType).add("round0", DataTypes.DoubleType)
                        .add("hour", DataTypes.TimestampType).add("day", DataTypes.TimestampType).add("year", DataTypes.DateType)
                        .add("gone", DataTypes.DoubleType),
                new Object[] {-37.814, -38.0, java.sql.Timestamp.valueOf("2026-10-03 14:00:00"), java.sql.Timestamp.valueOf("2026-10-03 00:00:00"),
                    java.sql.Date.valueOf("1987-01-01"), null}), treated);
    }

    @Test
    void bucket_takesEachNumberToTheStartOfItsBucket_negativeOnesDownwards_keepingItsType() {
        StructType schema = new StructType().add("v", DataTypes.LongType).add("i", DataTypes.IntegerType);
        Dataset<Row> input = rows(schema, new Object[] {7L, 7}, new Object[] {-7L, -7}, new Object[] {10L, -10}, new Object[] {0L, 0},
                new Object[] {Long.MIN_VALUE, Integer.MIN_VALUE}, new Object[] {Long.MAX_VALUE, Integer.MAX_VALUE}, new Object[] {null, null});

        List<Row> out = input.select(whole("BUCKET(5)", "v", DataTypes.LongType).as("v"), whole("BUCKET(5)", "i", DataTypes.IntegerType).as("i"))
                .collectAsList();

        assertThat(out).extracting(row -> row.get(0) + " " + row.get(1)).containsExactly("5 5", "-10 -10", "10 -10", "0 0",
                // the bucket of the least bigint starts below it (-9223372036854775808 is 2 above a multiple of 5): NULL, never a wrapped value
                "null null", "9223372036854775805 2147483645", "null null");
        assertThat(TreatmentKinds.of("BUCKET").inWarehouse(Expr.ref("v"), DataTypes.IntegerType, "10", false).orElseThrow().sql(SqlDialect.POSTGRESQL))
                .isEqualTo("CASE WHEN CAST(\"v\" AS numeric(20, 0)) - mod(mod(CAST(\"v\" AS numeric(20, 0)), 10) + 10, 10) < -2147483648"
                        + " THEN CAST(NULL AS integer) ELSE CAST(CAST(\"v\" AS numeric(20, 0)) - mod(mod(CAST(\"v\" AS numeric(20, 0)), 10) + 10, 10)"
                        + " AS integer) END");
    }

    @Test
    void round_ofAWholeOrDecimalNumberWhoseRoundingNoLongerFitsItsType_isNull_neverAWrappedValue() {
        StructType schema = new StructType().add("i", DataTypes.IntegerType).add("n", DataTypes.createDecimalType(6, 2));
        Dataset<Row> input = rows(schema, new Object[] {2147483647, new java.math.BigDecimal("9999.99")}, new Object[] {-2147483648, new java.math.BigDecimal("-9999.95")},
                new Object[] {2147483644, new java.math.BigDecimal("1234.56")});

        List<Row> out = input.select(whole("ROUND(-1)", "i", DataTypes.IntegerType).as("i"), whole("ROUND(1)", "n", DataTypes.createDecimalType(6, 2)).as("n"))
                .collectAsList();

        assertThat(out).extracting(row -> row.get(0) + " " + row.get(1)).containsExactly("null null", "null null", "2147483640 1234.60");
    }
}
