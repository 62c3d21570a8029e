package io.dataexporter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataexporter.common.config.StackProperties;
import io.dataexporter.jobs.TestSpark;
import io.dataexporter.localstack.LocalStack;
import io.dataexporter.localstack.TestStack;
import io.dataexporter.localstack.seed.SeedOptions;
import io.dataexporter.localstack.seed.SyntheticWarehouse;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** export then sql through the CLI, as an operator would: the local stand-in for Athena answers over the Iceberg tables. */
class SqlCommandIT {

    @Test
    void sql_afterAnExport_answersFromTheIcebergTables() throws Exception {
        LocalStack stack = TestStack.get();
        String dir = seededStackDirectory(stack);

        assertThat(run("export", "--date", "2026-10-04", "--tables", "way_speed", "--env", "it-sql", "--dir", dir).exitCode).isZero();
        Result result = run("sql", "--env", "it-sql", "--dir", dir, "--rows", "1",
                "SELECT count(*) AS rows_exported FROM way_speed WHERE export_date = DATE'2026-10-04'");

        assertThat(result.exitCode).isZero();
        assertThat(result.out).isEqualTo("rows_exported\n" + count(stack, "SELECT count(*) FROM pm_internal.way_speed"
                + " WHERE ts >= '2026-10-03 14:00:00+00' AND ts < '2026-10-04 13:00:00+00'") + "\n");
        assertThat(run("sql", "--env", "it-sql", "--dir", dir, "--rows", "2", "SELECT DISTINCT source FROM way_speed ORDER BY source").out)
                .endsWith("(more than 2 rows; showing the first 2, use --rows to see more)\n");
    }

    @Test
    void sqlNotebook_afterAnExportOfTheSeedsDay_runsEveryQueryOfTheEdaNotebook_eachReturningRows() throws Exception {
        String dir = seededStackDirectory(TestStack.get());
        assertThat(run("export", "--date", "2026-10-04", "--env", "it-notebook", "--dir", dir).exitCode).isZero();

        Result result = run("sql", "--env", "it-notebook", "--dir", dir, "--rows", "3", "--notebook", "../notebooks/athena_eda.ipynb");

        assertThat(result.exitCode).as(result.out).isZero();
        List<String> headings = result.out.lines().filter(line -> line.startsWith("== ")).toList();
        assertThat(headings).containsExactly("== cell 5 (Rows per table per export date, SQL_ROWS_PER_TABLE)",
                "== cell 7 (Speeds per source, and what `mx` masking did to them, SQL_SPEED_BY_SOURCE)",
                "== cell 9 (Incidents per hour, Melbourne time, SQL_INCIDENTS_PER_MELBOURNE_HOUR)",
                "== cell 11 (Withheld columns, SQL_COLUMNS_CLASSIFIED_DE)",
                "== cell 14 (What a rerun replaced: snapshots and time travel, SQL_SNAPSHOTS)",
                "== cell 15 (What a rerun replaced: snapshots and time travel, SQL_TIME_TRAVEL)",
                "== cell 17 (Files and partitions, SQL_PARTITIONS)",
                "== cell 18 (Files and partitions, SQL_FILES)");
        assertThat(result.out).doesNotContain("FAILED").doesNotContain("(0 rows)").endsWith("8 of 8 queries ran\n");
        assertThat(result.out).contains("table_name\texport_date\trow_count\ncctv_event\t2026-10-04\t")
                .contains("maintenance_contact\tde\t2026-10-04");
    }

    // The shared stack, seeded, behind a stack directory the CLI's --dir can name.
    private static String seededStackDirectory(LocalStack stack) throws Exception {
        try (Connection connection = stack.openConnection()) {
            SyntheticWarehouse.seed(connection, new SeedOptions(2000, 3, SeedOptions.DEFAULT_AROUND, 9));
        }
        TestSpark.get();
        Path directory = Files.createTempDirectory(Path.of("target"), "sql-stack-");
        StackProperties.write(directory.resolve(StackProperties.FILE_NAME), stack.endpoints());
        return directory.toString();
    }

    private record Result(int exitCode, String out) {
    }

    private static Result run(String... args) {
        CommandLine commandLine = new CommandLine(new DataExporterCli());
        StringWriter out = new StringWriter();
        commandLine.setOut(new PrintWriter(out));
        int exit = commandLine.execute(args);
        return new Result(exit, out.toString());
    }

    private static long count(LocalStack stack, String sql) throws Exception {
        try (Connection connection = stack.openConnection(); Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }
}
