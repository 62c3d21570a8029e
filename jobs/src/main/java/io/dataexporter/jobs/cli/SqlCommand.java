package io.dataexporter.jobs.cli;

import io.dataexporter.jobs.config.ConfigLoader;
import io.dataexporter.jobs.config.ExportConfig;
import io.dataexporter.jobs.iceberg.IcebergCatalog;
import io.dataexporter.jobs.spark.SparkSessions;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

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

    @Override
    public Integer call() {
        ExportConfig config = ExportConfig.read(ConfigLoader.forCommand(env, Map.of(), System.getenv(), configFile, stackDirectory.directory));
        SparkSession spark = SparkSessions.local("data-exporter sql", 2);
        IcebergCatalog catalog = new IcebergCatalog(config);
        catalog.register(spark);
        spark.sql("USE " + catalog.namespace());
        spark.sql(sql).show(rows, false);
        return 0;
    }
}
