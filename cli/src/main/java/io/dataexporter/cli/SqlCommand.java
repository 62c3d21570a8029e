package io.dataexporter.cli;

import io.dataexporter.cli.notebook.AthenaToSpark;
import io.dataexporter.cli.notebook.NotebookQueries;
import io.dataexporter.jobs.config.ConfigLoader;
import io.dataexporter.jobs.config.ExportConfig;
import io.dataexporter.jobs.iceberg.IcebergCatalog;
import io.dataexporter.jobs.spark.SparkSessions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "sql", mixinStandardHelpOptions = true,
        description = {"Spark SQL over the Iceberg catalog, the local stand-in for Athena. The current namespace is the export database,",
            "so 'SELECT count(*) FROM way_speed WHERE export_date = DATE''2026-10-04''' works as is.",
            "With --notebook, runs every query of a notebook (code cells assigning a triple-quoted string to SQL_<NAME>), translated from",
            "Athena's SQL (see README: Notebooks); exit code 1 if any query fails."})
final class SqlCommand implements Callable<Integer> {

    @Mixin
    StackDirectory stackDirectory;

    @Parameters(paramLabel = "SQL", arity = "0..1", description = "The statement to run (or use --notebook).")
    String sql;

    @Option(names = "--notebook", paramLabel = "FILE", description = "Run every SQL query of this notebook, in order, instead of one statement.")
    Path notebook;

    @Option(names = "--env", paramLabel = "E", description = "Environment whose tables to query (default: setting export.env, else 'local').")
    String env;

    @Option(names = "--config", paramLabel = "FILE", description = "Properties file of settings (see README: Configuration).")
    Path configFile;

    @Option(names = "--rows", paramLabel = "N", defaultValue = "50", description = "Rows to print (default ${DEFAULT-VALUE}).")
    int rows;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if ((sql == null) == (notebook == null)) {
            throw new IllegalArgumentException("Give either a SQL statement or --notebook FILE (not both, not neither)");
        }
        List<NotebookQueries.Query> queries = notebook == null ? List.of() : NotebookQueries.read(notebook);
        PrintWriter out = spec.commandLine().getOut();
        // Against the local stack, start it when it is not running (the demo with --no-wait stops it); a --config names other parts.
        try (StackSession stack = configFile == null ? StackSession.useOrStart(stackDirectory.directory, new PrintWriter(System.err, true)) : null) {
            return run(queries, out);
        }
    }

    private int run(List<NotebookQueries.Query> queries, PrintWriter out) {
        ExportConfig config = ExportConfig.read(ConfigLoader.forCommand(env, Map.of(), System.getenv(), configFile, stackDirectory.directory));
        SparkSession spark = SparkSessions.local("data-exporter sql", 2);
        IcebergCatalog catalog = new IcebergCatalog(config);
        catalog.register(spark);
        spark.sql("USE " + catalog.namespace());
        if (notebook == null) {
            print(spark.sql(sql), out);
            return 0;
        }
        int failed = 0;
        for (NotebookQueries.Query query : queries) {
            out.println("== " + query.label());
            try {
                print(spark.sql(AthenaToSpark.translate(query, catalog.namespace())), out);
            } catch (Exception e) { // Spark's AnalysisException is checked, and rethrown undeclared
                failed++;
                out.println("FAILED: " + (e instanceof IllegalArgumentException ? e.getMessage()
                        : query.label() + ": " + firstLine(e)));
            }
            out.println();
        }
        out.println(queries.size() - failed + " of " + queries.size() + " queries ran");
        out.flush();
        return failed == 0 ? 0 : 1;
    }

    private static String firstLine(Throwable error) {
        String message = error.getMessage() == null ? "" : error.getMessage();
        return message.lines().filter(line -> !line.isBlank()).findFirst().orElse(error.getClass().getSimpleName());
    }

    private void print(Dataset<Row> result, PrintWriter out) {
        out.println(String.join("\t", result.columns()));
        List<Row> shown = result.limit(rows + 1).collectAsList();
        shown.stream().limit(rows).forEach(row -> out.println(String.join("\t",
                java.util.stream.IntStream.range(0, row.size()).mapToObj(i -> String.valueOf(row.get(i))).toList())));
        if (shown.size() > rows) {
            out.println("(more than " + rows + " rows; showing the first " + rows + ", use --rows to see more)");
        } else if (notebook != null) {
            out.println("(" + shown.size() + " rows)");
        }
        out.flush();
    }
}
