package io.dataexporter.jobs.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataexporter.jobs.export.PolicyExpectation.Rows;
import io.dataexporter.localstack.seed.SeedOptions;
import io.dataexporter.localstack.seed.SyntheticWarehouse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The scheduled export's written output, every column of every table, read back by DuckDB from the S3 server and
 * compared value by value with the policy recomputed in PostgreSQL from the source ({@link PolicyExpectation}).
 */
class ExportedValuesIT {

    private static final ExportHarness HARNESS = new ExportHarness("it-values");
    private static final LocalDate DAY = LocalDate.of(2026, 10, 4);
    // 2026-10-04 in Melbourne: daylight saving starts, 23 hours
    private static final Instant FROM = Instant.parse("2026-10-03T14:00:00Z");
    private static final Instant TO = Instant.parse("2026-10-04T13:00:00Z");

    @BeforeAll
    static void seedAndExport() throws Exception {
        try (Connection connection = HARNESS.stack.openConnection()) {
            SyntheticWarehouse.seed(connection, new SeedOptions(3000, 3, SeedOptions.DEFAULT_AROUND, 11));
        }
        HARNESS.run("--date", DAY.toString());
        assertThat(HARNESS.exitCode).as(HARNESS.output).isZero();
    }

    @Test
    void export_writesEveryColumnOfEveryTableAsThePolicyComputedInPostgresqlSays() throws Exception {
        try (Connection connection = HARNESS.stack.openConnection(); S3Client s3 = HARNESS.s3()) {
            PolicyExpectation.createFunctions(connection, ExportHarness.effectivePepper());
            ParquetReadback readback = new ParquetReadback(s3, HARNESS.stack.endpoints().bucket());
            assertThat(folders(readback)).containsExactly("cctv_event", "classifications", "incident", "metrics_long", "way", "way_speed");
            for (String table : PolicyExpectation.TABLES) {
                Rows expected = partition(PolicyExpectation.expected(connection, table, FROM, TO));
                Rows actual = readback.read("it-values/2026/10/04/" + table + "/", Set.of());

                assertThat(actual.differenceFrom(expected)).as(table).isEmpty();
                assertThat(actual.lines()).as(table).hasSizeGreaterThanOrEqualTo(5);
            }
        }
    }

    @Test
    void export_writesThePolicyTablesAsApplied() throws Exception {
        try (Connection connection = HARNESS.stack.openConnection(); S3Client s3 = HARNESS.s3()) {
            ParquetReadback readback = new ParquetReadback(s3, HARNESS.stack.endpoints().bucket());
            for (String table : List.of("actual_data_classifications", "data_column_classification", "export_tables", "long_table_data_classifications")) {
                Rows expected;
                try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery("SELECT * FROM de_config." + table)) {
                    expected = partition(Rows.read(result, Set.of()));
                }
                Rows actual = readback.read("it-values/2026/10/04/classifications/" + table + "/", Set.of());

                assertThat(actual.differenceFrom(expected)).as(table).isEmpty();
            }
        }
    }

    // The Iceberg data files carry the partition column after the table's own.
    private static Rows partition(Rows rows) {
        List<String> columns = new java.util.ArrayList<>(rows.columns());
        columns.add("export_date");
        return new Rows(columns, rows.lines().stream().map(line -> line + "|" + DAY).sorted().toList());
    }

    private static List<String> folders(ParquetReadback readback) {
        return readback.keys("it-values/2026/10/04/").stream().map(key -> key.substring("it-values/2026/10/04/".length()))
                .filter(name -> name.contains("/")).map(name -> name.substring(0, name.indexOf('/'))).distinct().sorted().toList();
    }
}
