package io.dataexporter.cli;

import io.dataexporter.jobs.config.ConfigLoader;
import io.dataexporter.jobs.config.ExportConfig;
import io.dataexporter.jobs.iceberg.IcebergCatalog;
import io.dataexporter.jobs.spark.SparkSessions;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.io.PrintWriter;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "sql", mixinStandardHelpOptions = true,
        description = {"Spark SQL over the Iceberg catalog, the local stand-in for Athena. The current namespace is the export database,",
            "so 'SELECT count(*) FROM way_speed WHERE export_date = DATE''2026-10-04''' works as is."})
final class SqlCommand implements Callable<Integer> {

    @Mixin
    StackDirectory stackDirectory;

    @Parameters(paramLabel = "SQL", description = "The statement to run.")
    String sql;

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
        ExportConfig config = ExportConfig.read(ConfigLoader.forCommand(env, Map.of(), System.getenv(), configFile, stackDirectory.directory));
        SparkSession spark = SparkSessions.local("data-exporter sql", 2);
        IcebergCatalog catalog = new IcebergCatalog(config);
        catalog.register(spark);
        spark.sql("USE " + catalog.namespace());
        Dataset<Row> result = spark.sql(sql);
        PrintWriter out = spec.commandLine().getOut();
        out.println(String.join("\t", result.columns()));
        List<Row> shown = result.limit(rows + 1).collectAsList();
        shown.stream().limit(rows).forEach(row -> out.println(String.join("\t",
                java.util.stream.IntStream.range(0, row.size()).mapToObj(i -> String.valueOf(row.get(i))).toList())));
        if (shown.size() > rows) {
            out.println("(more than " + rows + " rows; showing the first " + rows + ", use --rows to see more)");
        }
        out.flush();
        return 0;
    }
}
