package io.dataexporter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataexporter.common.seed.SeedOptions;
import io.dataexporter.common.seed.SyntheticWarehouse;
import io.dataexporter.common.stack.LocalStack;
import io.dataexporter.common.stack.StackProperties;
import io.dataexporter.common.stack.TestStack;
import io.dataexporter.jobs.TestSpark;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** export then sql through the CLI, as an operator would: the local stand-in for Athena answers over the Iceberg tables. */
class SqlCommandIT {

    @Test
    void sql_afterAnExport_answersFromTheIcebergTables() throws Exception {
        LocalStack stack = TestStack.get();
        try (Connection connection = stack.openConnection()) {
            SyntheticWarehouse.seed(connection, new SeedOptions(2000, 3, SeedOptions.DEFAULT_AROUND, 9));
        }
        TestSpark.get();
        Path directory = Files.createTempDirectory(Path.of("target"), "sql-stack-");
        StackProperties.write(directory.resolve(StackProperties.FILE_NAME), stack.endpoints());
        String dir = directory.toString();

        assertThat(run("export", "--date", "2026-10-04", "--tables", "way_speed", "--env", "it-sql", "--dir", dir).exitCode).isZero();
        Result result = run("sql", "--env", "it-sql", "--dir", dir, "--rows", "1",
                "SELECT count(*) AS rows_exported FROM way_speed WHERE export_date = DATE'2026-10-04'");

        assertThat(result.exitCode).isZero();
        assertThat(result.out).isEqualTo("rows_exported\n" + count(stack, "SELECT count(*) FROM pm_internal.way_speed"
                + " WHERE ts >= '2026-10-03 14:00:00+00' AND ts < '2026-10-04 13:00:00+00'") + "\n");
        assertThat(run("sql", "--env", "it-sql", "--dir", dir, "--rows", "2", "SELECT DISTINCT source FROM way_speed ORDER BY source").out)
                .endsWith("(more than 2 rows; showing the first 2, use --rows to see more)\n");
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
